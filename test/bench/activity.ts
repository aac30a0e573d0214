// The time of `activity.get` for a school year at the département's scale: the demo's department
// record (120 pôles, ~15 000 pupils, 4 PAS with their saisines), every pôle, then one PIAL and one
// PAS. Not a test: prints the figures measured on this machine.
//   npm exec -- node test/bench/activity.ts [path/to/department.db]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRecord } from '../../db/connection.ts';
import { createServices } from '../../electron/services/index.ts';

const path = process.argv[2] ?? join(mkdtempSync(join(tmpdir(), 'planif-activity-')), 'department.db');
const connection = await openRecord(path);
// The day after the demo's school year has begun: the year is 2026-2027 for the default settings.
const services = createServices(connection, { actor: 'bench', now: () => new Date('2026-11-30T10:00:00Z') });
if ((await services['app.info']({})).counts.pupils === 0) {
  const started = performance.now();
  await services['app.seedDemo']({ scale: 'department' });
  console.log(`démo « department » créée en ${Math.round(performance.now() - started)} ms`);
}
const year = { from: '2026-09-01', to: '2027-07-03', zone: 'B' as const };
const poles = await services['poles.list']({});
const time = async (label: string, pole: string | undefined): Promise<void> => {
  // Another pôle each time: the services keep the last figures asked and would answer them at once.
  const started = performance.now();
  const figures = await services['activity.get']({ ...year, pole });
  console.log(`${label.padEnd(40)} ${String(Math.round(performance.now() - started)).padStart(6)} ms  (${figures.weeks.length} semaines, ${figures.poles.length} pôle(s))`);
};
await services['gaps.list']({});
await time('activity.get, tous les pôles, année', undefined);
await time('activity.get, un PIAL, année', poles.find((p) => p.kind !== 'PAS')!.code);
await time('activity.get, un PAS, année', poles.find((p) => p.kind === 'PAS')!.code);
await connection.close();
