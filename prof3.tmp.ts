import { openRecord } from './db/connection.ts';
import { loadEngineRecord } from './electron/services/analysis.ts';
import { analyse } from './shared/gaps/analysis.ts';
import { gapsOf } from './shared/gaps/gaps.ts';
import { indicatorsOf } from './shared/gaps/indicators.ts';
const c = await openRecord('/tmp/dep.db');
const record = await loadEngineRecord({ db: c.db, actor: 'x', databasePath: '', now: () => new Date(), revision: { value: 0 } });
for (let i = 0; i < 20; i++) { const a = analyse(record, '2026-11-23'); gapsOf(a); indicatorsOf(a); }
console.log('---');
const t = performance.now(); const a = analyse(record, '2026-11-23'); gapsOf(a); indicatorsOf(a); console.log('run', performance.now() - t);
