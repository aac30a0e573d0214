// Hostile input: more than a thousand mutated workbooks and CSV files (test/fuzz/worker.ts) go
// through the importer. Each must end in a clear refusal or a clean import: never an internal
// error, never a case running past the time bound, never a record changed by a refused file or
// left inconsistent by an accepted one.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openTestRecord } from '../support/record.ts';

const CASES = 1100;
/** Past this without a word from the worker, the case in hand is taken as hung. */
const CASE_BOUND_MS = 30_000;

interface CaseResult { case: number; kind: string; outcome: 'imported' | 'refused' | 'crash'; bytes: number; ms: number; problem?: string }

function runWorker(count: number, seed: number): Promise<CaseResult[]> {
  const child = spawn(process.execPath, ['test/fuzz/worker.ts', String(count), String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const results: CaseResult[] = [];
  let current = 'avant le premier cas';
  let lastWord = Date.now();
  let pending = '';
  let errors = '';
  return new Promise((resolve, reject) => {
    const watchdog = setInterval(() => {
      if (Date.now() - lastWord < CASE_BOUND_MS) return;
      child.kill('SIGKILL');
      reject(new Error(`cas ${current} : plus de ${CASE_BOUND_MS / 1000} s sans réponse (graine ${seed})`));
    }, 1000);
    child.stderr.on('data', (chunk: Buffer) => { errors += chunk.toString(); });
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const message = JSON.parse(line) as { start?: number; kind: string } & Partial<CaseResult>;
        lastWord = Date.now();
        if (message.start !== undefined) current = `n° ${message.start} (${message.kind})`;
        else results.push(message as CaseResult);
      }
    });
    child.once('exit', (code) => {
      clearInterval(watchdog);
      if (code === 0) resolve(results);
      else reject(new Error(`le fuzz s’est arrêté au cas ${current} (code ${code}) :\n${errors}`));
    });
  });
}

describe('the importer under hostile input', () => {
  it(`ends each of ${CASES} mutated files in a clear refusal or a clean import`, async () => {
    const results = await runWorker(CASES, 20261123);
    const OUTCOMES = { imported: 'import propre', refused: 'refus clair', crash: 'ERREUR' } as const;
    const counts: Record<string, number> = {};
    for (const r of results) {
      const label = `${r.kind} → ${OUTCOMES[r.outcome]}`;
      counts[label] = (counts[label] ?? 0) + 1;
    }
    const slowest = results.reduce((a, b) => (b.ms > a.ms ? b : a));
    console.log(`fuzz : ${results.length} fichiers essayés, ${results.filter((r) => r.outcome === 'refused').length} refus clairs, `
      + `${results.filter((r) => r.outcome === 'imported').length} imports propres, ${results.filter((r) => r.problem).length} problème(s) ; `
      + `le plus long ${slowest.ms} ms (${slowest.kind}, ${(slowest.bytes / 1024 / 1024).toFixed(1)} Mo)\n${JSON.stringify(counts, null, 1)}`);
    expect(results.length).toBe(CASES);
    expect(results.filter((r) => r.problem !== undefined).map((r) => `${r.case} ${r.kind} : ${r.problem}`)).toEqual([]);
    // Every family of hostile input was tried, and both ways out were taken.
    expect(new Set(results.map((r) => r.kind)).size).toBe(4);
    expect(results.some((r) => r.outcome === 'refused') && results.some((r) => r.outcome === 'imported')).toBe(true);
  }, 600_000);

  it('refuses a file over the size limit of the settings before reading it, and follows the setting', async () => {
    const { api } = await openTestRecord();
    const big = Buffer.alloc(51 * 1024 * 1024, 0x41);
    await expect(api('exchange.import', { fileName: 'gros.csv', dataBase64: big.toString('base64') }))
      .rejects.toThrow('« gros.csv » : fichier trop volumineux (51 Mo, 50 Mo au plus d’après les Paramètres). Rien n’a été lu.');
    const settings = await api('settings.get', {});
    await api('settings.update', { ...settings, importMaxMegabytes: 1 });
    await expect(api('exchange.preview', { fileName: 'moyen.csv', dataBase64: Buffer.alloc(1024 * 1024 + 1, 0x41).toString('base64') }))
      .rejects.toThrow(/fichier trop volumineux \(1 Mo, 1 Mo au plus/);
    expect((await api('app.info', {})).counts.pupils).toBe(0);
  });
});
