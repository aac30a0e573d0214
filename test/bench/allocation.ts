// The allocation assistant's figures on the `department` demo (issue 13): one pôle of about 300
// pupils (first proposal, solved proposal, gap to the LP bound), then all pôles on the solver
// threads (time, pupils without AESH and individual hours before → after against the bound,
// solver threads' memory). Not a test: nothing here passes or fails.
//   node test/bench/allocation.ts [--db /tmp/dep.db] [--workers 2] [--time-limit 1]
// Without --db, the demo is generated into a temporary file first.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import loadHighs from 'highs';
import { openRecord } from '../../db/connection.ts';
import { loadEngineRecord } from '../../electron/services/analysis.ts';
import { allocate } from '../../electron/allocation/allocate.ts';
import { DEFAULT_LIMITS } from '../../electron/allocation/aggregate.ts';
import { solvePole } from '../../electron/allocation/solve.ts';
import { buildProblem } from '../../shared/allocation/problem.ts';
import { DEFAULT_OPTIONS } from '../../shared/allocation/types.ts';
import { formatHours } from '../../shared/domain/hours.ts';
import { todayIso } from '../../shared/domain/dates.ts';

const { values } = parseArgs({ options: { db: { type: 'string' }, workers: { type: 'string', default: '2' }, 'time-limit': { type: 'string' } } });
let db = values.db;
if (db === undefined) {
  db = join(mkdtempSync(join(tmpdir(), 'planif-bench-')), 'dep.db');
  spawnSync(process.execPath, ['electron/cli/main.ts', 'demo', '--db', db, '--scale', 'department'], { stdio: 'ignore' });
}
const report = (label: string, value: string): void => console.log(`${label.padEnd(62)} ${value}`);
const seconds = (s: number): string => `${s.toFixed(2)} s`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} Mo`;
const percent = (part: number, whole: number): string => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`);

const connection = await openRecord(db);
const record = await loadEngineRecord({ db: connection.db, now: () => new Date() });
await connection.close();
const date = todayIso(new Date());
const options = { ...DEFAULT_OPTIONS, date };
const limits = { ...DEFAULT_LIMITS, ...(values['time-limit'] ? { timeLimitSeconds: Number(values['time-limit']) } : {}) };
console.log(`Allocation — ${record.poles.length} pôles, ${record.pupils.length} élèves, ${record.aesh.length} AESH, date ${date}\n`);

const buildStart = performance.now();
const problems = record.poles.map((p) => buildProblem(record, p.id, options));
report('Problems of every pôle built (main thread)', seconds((performance.now() - buildStart) / 1000));

// The pôle whose pupil count is nearest 300, solved in-process.
const pupilsOf = (poleId: number): number => problems.find((p) => p.poleId === poleId)!.before.pupilsNotified;
const large = problems.toSorted((a, b) => Math.abs(pupilsOf(a.poleId) - 300) - Math.abs(pupilsOf(b.poleId) - 300))[0]!;
const highs = await loadHighs();
const one = solvePole(highs, large, limits);
const p = one.proposal;
console.log(`\nPôle ${large.poleCode}: ${p.before.pupilsNotified} élèves notifiés, ${large.aesh.length} AESH, ${large.units.length} besoins à placer`);
report('  first proposal (greedy)', seconds(one.solver.firstProposalSeconds));
report('  solved proposal (greedy + LP bound + MIP + placement)', seconds(p.seconds));
report('  LP / MIP', `${seconds(one.solver.lpSeconds)} / ${seconds(one.solver.mipSeconds)} (${one.solver.status}, écart MIP ${one.solver.mipGap === null ? '—' : percent(one.solver.mipGap, 1)}, ${one.solver.columns} colonnes, ${one.solver.rows} lignes)`);
report('  pupils without AESH before → after', `${p.before.pupilsWithout} → ${p.after.pupilsWithout}`);
report('  individual hours covered before → greedy / MIP → bound', `${formatHours(p.before.individualCoveredMinutes)} → ${formatHours(one.solver.greedyCoveredMinutes)} / ${formatHours(one.solver.mipCoveredMinutes)} → ${formatHours(p.boundMinutes ?? 0)}`);
report('  gap of the proposal to the LP bound', percent((p.boundMinutes ?? 0) - p.after.individualCoveredMinutes, p.boundMinutes ?? 0));
report('  kept proposal', p.method);

const workers = Number(values.workers);
let lastLine = 0;
const run = await allocate(problems, { ...limits, workers }, {
  onProgress: ({ done, total, polesDone, step }) => {
    if (step === 'placed' && (done === total || performance.now() - lastLine > 10_000)) {
      lastLine = performance.now();
      console.log(`  … ${polesDone}/${problems.length} pôles`);
    }
  },
});
const total = { before: 0, after: 0, coveredBefore: 0, coveredAfter: 0, bound: 0, notified: 0, lacking: 0, unplaced: 0, slots: 0, short: 0, worse: 0 };
for (const { proposal } of run.solutions) {
  total.before += proposal.before.pupilsWithout;
  total.after += proposal.after.pupilsWithout;
  total.coveredBefore += proposal.before.individualCoveredMinutes;
  total.coveredAfter += proposal.after.individualCoveredMinutes;
  total.notified += proposal.after.individualNotifiedMinutes;
  total.bound += proposal.boundMinutes ?? 0;
  total.lacking += proposal.lackingMinutes;
  total.unplaced += proposal.unplaced.length;
  total.slots += proposal.slots.length;
  total.short += proposal.slots.filter((s) => s.endMinute - s.startMinute < 60).length;
  if (proposal.method === 'greedy') total.worse += 1;
}
console.log(`\nDépartement, ${run.solutions.length} pôles sur ${run.workers} fils de calcul`);
report('  whole allocation', seconds(run.seconds));
report('  new slots proposed (of them shorter than an hour)', `${total.slots} (${total.short})`);
report('  pupils without AESH before → after', `${total.before} → ${total.after}`);
report('  individual hours covered before → after (bound; notified)', `${formatHours(total.coveredBefore)} → ${formatHours(total.coveredAfter)} (${formatHours(total.bound)} ; ${formatHours(total.notified)})`);
report('  gap to the LP bound', percent(total.bound - total.coveredAfter, total.bound));
report('  hours the pôles lack (pupils left uncovered)', `${formatHours(total.lacking)} (${total.unplaced})`);
report('  pôles where the MIP placement did no better than the greedy', String(total.worse));
report('  solver thread memory (peak Wasm / JS heap)', `${mb(run.peakWasmBytes)} / ${mb(run.peakHeapBytes)}`);
