// `npm run bench`: the figures the issues ask for, measured on this machine and printed.
// Not a test: nothing here passes or fails.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { integrityProblems, openRecord } from '../../db/connection.ts';
import { encryptRecordFile } from '../../db/encrypt.ts';
import { RecordHost } from '../../electron/record/host.ts';
import { createServices } from '../../electron/services/index.ts';
import type { ApiHandlers, ApiInput, ApiOutput, MethodName } from '../../shared/api/contract.ts';
import { dispatch, unwrap } from '../../shared/api/dispatch.ts';
import { makeUai } from '../../shared/domain/uai.ts';
import { loadEngineRecord } from '../../electron/services/analysis.ts';
import { analyse } from '../../shared/gaps/analysis.ts';
import { indexesOf } from '../../shared/gaps/indexes.ts';
import { gapsOf } from '../../shared/gaps/gaps.ts';
import { indicatorsOf } from '../../shared/gaps/indicators.ts';
import { poleWorkspace, withSlots } from '../../shared/timetable/workspace.ts';
import { buildView, conflictsBySlot } from '../../renderer/src/timetable/model.ts';

const dir = mkdtempSync(join(tmpdir(), 'planif-bench-'));
const rows: [string, string][] = [];
const ms = (value: number): string => `${Math.round(value).toLocaleString('fr-FR')} ms`;
const report = (label: string, value: string): void => {
  rows.push([label, value]);
  console.log(`${label.padEnd(58)} ${value}`);
};

const median = (values: number[]): number => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function time<T>(work: () => T | Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

/** The CPU time this process spent on `work`, in ms: on a machine shared with other work, closer to the cost than the time elapsed. */
async function cpuTime(work: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  await work();
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

/** Starts the browser mode in a child process and measures the time until it prints its address. */
function browserModeStart(db: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['electron/browser/main.ts', '--db', db], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ouvrez http')) {
        const elapsed = performance.now() - start;
        child.kill('SIGTERM');
        resolve(elapsed);
      }
    });
    child.on('exit', (code) => code !== null && code !== 0 && reject(new Error(output)));
  });
}

/** Ticks a timer while `work` runs and gives the longest gap between two ticks: how long the event loop stalled. */
async function longestStall<T>(work: () => Promise<T>): Promise<[T, number]> {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  try {
    const result = await work();
    return [result, Math.max(longest, performance.now() - last)];
  } finally {
    clearInterval(ticker);
  }
}

/**
 * The browser mode on `db`, after the dashboard and Alertes have been computed (their API calls,
 * over HTTP as the page makes them): the resident memory of its process, in Mo.
 */
async function browserModeMemory(db: string): Promise<number> {
  const token = randomBytes(32).toString('hex');
  const child = spawn(process.execPath, ['electron/browser/main.ts', '--db', db], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, PLANIF_TOKEN: token } });
  try {
    const origin = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /Ouvrez (http:\/\/[^/\s]+)/.exec(output);
        if (found) resolve(found[1]!);
      });
      child.on('exit', () => reject(new Error(output)));
    });
    const today = new Date().toISOString().slice(0, 10);
    const calls: [string, unknown][] = [['app.info', {}], ['settings.get', {}], ['snapshots.list', {}], ['indicators.get', { date: today }], ['gaps.list', { date: today }]];
    for (const [method, input] of calls) {
      const response = await fetch(`${origin}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-planif-token': token }, body: JSON.stringify(input) });
      await response.text();
    }
    const rss = spawnSync('ps', ['-o', 'rss=', '-p', String(child.pid)], { encoding: 'utf8' }).stdout;
    return Number(rss.trim()) / 1024;
  } finally {
    child.kill('SIGTERM');
  }
}

console.log(`Planif AESH — benchmark (Node ${process.versions.node}, ${new Date().toISOString()})\n`);

// The CLI, as a user runs it: a whole process per command.
const cliDb = join(dir, 'cli.db');
const cliStart = performance.now();
spawnSync(process.execPath, ['electron/cli/main.ts', 'demo', '--db', cliDb, '--scale', 'department'], { stdio: 'ignore' });
report('CLI demo --scale department (whole process)', ms(performance.now() - cliStart));
report('  database file size', `${(statSync(cliDb).size / 1024 / 1024).toFixed(1)} Mo`);
const statsStart = performance.now();
spawnSync(process.execPath, ['electron/cli/main.ts', 'stats', '--db', cliDb, '--json'], { stdio: 'ignore' });
report('CLI stats --json on it (whole process)', ms(performance.now() - statsStart));

// Inside the process, split into its parts.
const connection = await openRecord(join(dir, 'inproc.db'));
const api = createServices(connection, { actor: 'bench' });
const [counts, seedMs] = await time(() => api['app.seedDemo']({ scale: 'department' }));
report('demo department in process (generate + one transaction)', ms(seedMs));
report('  rows', `${counts.pupils} élèves, ${counts.aesh} AESH, ${counts.schools} établissements, ${counts.slots} créneaux`);
const lists: [string, () => Promise<unknown>][] = [
  ['pupils.list', () => api['pupils.list']({})],
  ['aesh.list', () => api['aesh.list']({})],
  ['schools.list', () => api['schools.list']({})],
  ['poles.list', () => api['poles.list']({})],
];
for (const [method, list] of lists) {
  await list();
  const [, listMs] = await time(list);
  report(`${method} at department scale (second call)`, ms(listMs));
}
const [, slotsMs] = await time(() => api['slots.list']({ schoolId: 1 }));
report("slots.list of one school's week", ms(slotsMs));
const [, createMs] = await time(() => api['pupils.create']({ identifier: 'BENCH-1', lastName: 'Test', firstName: 'Bench', schoolId: 1, ulis: false, birthDate: null, level: null, className: null }));
report('one journaled create in a 15 000-pupil record', ms(createMs));
// The gaps engine at department scale: the services keep the record read once, until a write.
const today = new Date().toISOString().slice(0, 10);
const [, coldMs] = await time(() => api['gaps.list']({ date: today }));
report('gaps.list, first call (reads the whole record, then computes)', ms(coldMs));
const record = await loadEngineRecord({ db: connection.db, now: () => new Date() });
// Warm-up first: in the app the engine runs again after every edit, with its code already optimised.
const timings: number[] = [];
let gapCount = 0;
const [, indexMs] = await time(() => indexesOf(record));
for (let i = 0; i < 25; i += 1) {
  const start = performance.now();
  const analysis = analyse(record, today);
  gapCount = gapsOf(analysis).length;
  indicatorsOf(analysis);
  if (i >= 5) timings.push(performance.now() - start);
}
report('engine: date-independent indexes, once per loaded record', ms(indexMs));
report('engine: all gaps + indicators for one date, median of 20', ms(median(timings)));
report('engine: the same, best and worst of 20', `${ms(Math.min(...timings))} / ${ms(Math.max(...timings))}`);
report('  gaps found', gapCount.toLocaleString('fr-FR'));
const [, otherDateMs] = await time(() => api['indicators.get']({ date: '2027-03-01' }));
report('indicators.get for another date (record cached)', ms(otherDateMs));
// Tableau de bord and Répartition at department scale (record cached, today's analysis cached).
const [, drillMs] = await time(() => api['indicators.pupils']({ date: today }));
report('indicators.pupils: every notified pupil behind the headline', ms(drillMs));
const [, repartitionMs] = await time(() => api['repartition.get']({ date: today, moves: [] }));
report('repartition.get (balances of every pôle)', ms(repartitionMs));
const destination = (await api['poles.list']({})).at(-1)!;
const tried = (await api['indicators.aesh']({ date: today }))
  .filter((a) => a.poleCode !== destination.code).slice(0, 50)
  .map((a) => ({ aeshId: a.aeshId, toPoleId: destination.id, date: today }));
for (const count of [1, 10, 50]) {
  let whatIfCpuMs = 0;
  const [, whatIfMs] = await time(async () => { whatIfCpuMs = await cpuTime(() => api['repartition.get']({ date: today, moves: tried.slice(0, count) })); });
  report(`repartition.get with ${count} move(s) tried (what-if: moved AESH + engine)`, `${ms(whatIfMs)} (CPU ${ms(whatIfCpuMs)})`);
}
await api['absences.create']({ aeshId: 1, startDate: today, endDate: today, reason: null });
const [, afterEditMs] = await time(() => api['gaps.list']({ date: today }));
report('gaps.list after an edit (record patched + compute)', ms(afterEditMs));
// Each kind of write, then what the dashboard and Alertes ask for the date: the services patch their
// record from the rows the write changed (no reload), and the engine computes again, from the
// analysis of the date before the write, only the pupils and AESH the write touched.
// Through the schemas, as the window's calls go: they fill in the fields a form leaves to their defaults.
const call = async <M extends MethodName>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> =>
  unwrap(await dispatch(api as ApiHandlers, method, input)) as ApiOutput<M>;
const dashboardAndAlerts = async (): Promise<void> => {
  await api['indicators.get']({ date: today });
  await api['gaps.list']({ date: today });
};
const pole = record.poles[0]!;
const someSchool = record.schools.find((s) => s.poleId === pole.id)!;
const someAesh = record.aesh.find((a) => a.poleId === pole.id)!;
const editedSlot = record.slots.find((s) => s.aeshId === someAesh.id) ?? record.slots[0]!;
let benchPupil = 0;
const writes: [string, () => Promise<unknown>][] = [
  ['a pupil', async () => { benchPupil = (await call('pupils.create', { identifier: 'BENCH-2', lastName: 'Essai', firstName: 'Banc', schoolId: someSchool.id })).id; }],
  ['a notification', () => call('notifications.create', { pupilId: benchPupil, kind: 'individual', weeklyHours: 12, startDate: today, endDate: '2030-07-04' })],
  ['an absence', () => call('absences.create', { aeshId: someAesh.id, startDate: '2030-01-07', endDate: '2030-01-11' })],
  ['a contract', () => call('contracts.create', { aeshId: someAesh.id, kind: 'CDD', startDate: '2031-09-01', endDate: '2032-08-31', weeklyHours: 24 })],
  ['a school', () => call('schools.create', { uai: makeUai('0849999'), name: 'École du banc', kind: 'primaire', commune: someSchool.commune, poleId: pole.id })],
  ['an AESH', () => call('aesh.create', { matricule: 'BANC-1', lastName: 'Essai', firstName: 'Banc', poleId: pole.id })],
  ['a move between pôles', () => call('repartition.move', { moves: tried.slice(-1) })],
  ['a slot', () => call('slots.create', { aeshId: someAesh.id, schoolId: someSchool.id, weekday: 6, startMinute: 540, endMinute: 600, pupilIds: [benchPupil] })],
  ['a timetable edit', () => call('timetable.apply', { operations: [{ kind: 'update', slot: { ...editedSlot, version: editedSlot.version!, startMinute: editedSlot.startMinute + 15, endMinute: editedSlot.endMinute + 15 } }] })],
];
for (const [what, write] of writes) {
  await dashboardAndAlerts();
  const [, writeMs] = await time(write);
  let afterCpuMs = 0;
  const [, afterMs] = await time(async () => { afterCpuMs = await cpuTime(dashboardAndAlerts); });
  report(`gaps + indicators after ${what} (the write: ${ms(writeMs)})`, `${ms(afterMs)} (CPU ${ms(afterCpuMs)})`);
}
// The same full pass through the services, for a date not analysed yet: what every write cost before.
report('gaps + indicators, full pass for a date not yet analysed (CPU)', ms(await cpuTime(async () => {
  await api['indicators.get']({ date: '2027-01-11' });
  await api['gaps.list']({ date: '2027-01-11' });
})));
// The exports and the snapshot as jobs, as the window runs them: started, followed to their end.
const followed = async (start: () => Promise<{ jobId: string }>): Promise<number> => {
  const { jobId } = await start();
  let steps = 0;
  for (;;) {
    const status = await api['jobs.status']({ jobId });
    if (status.state !== 'running') return steps;
    steps = status.total;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
const [dashboardSteps, dashboardJobMs] = await time(() => followed(() => api['export.start']({ kind: 'dashboards', date: today })));
report(`export.start dashboards, job followed to its end (${dashboardSteps} steps)`, ms(dashboardJobMs));
const [, snapshotJobMs] = await time(() => followed(() => api['snapshots.start']({ date: today, label: 'Banc' })));
report('snapshots.start, all pôles, job followed to its end', ms(snapshotJobMs));

// The timetable editor: opening a school's week, then one drag frame (the engine on the pôle's
// workspace with the dragged slot in place, then the view), in a pôle of 60+ AESH and 300+ pupils.
const school = record.schools.find((s) => s.poleId !== null)!;
const openWeek = async (): Promise<void> => {
  const { record: workspace } = await api['timetable.workspace']({ poleId: school.poleId! });
  const opened = analyse(workspace, today);
  buildView(opened, conflictsBySlot(gapsOf(opened)), 'school', school.id, [], null);
};
await api['absences.create']({ aeshId: 2, startDate: today, endDate: today, reason: null });
const [, openColdMs] = await time(openWeek);
report("open a school's week, first after an edit (patched record + engine + view)", ms(openColdMs));
const moveOne = record.slots.find((s) => s.schoolId === school.id)!;
// The record's slots carry their version (read with the row): the update sends it back.
await api['timetable.apply']({ operations: [{ kind: 'update', slot: { ...moveOne, version: moveOne.version!, startMinute: moveOne.startMinute + 15, endMinute: moveOne.endMinute + 15 } }] });
const [, openPatchedMs] = await time(openWeek);
report("open a school's week after an editor change (cache patched)", ms(openPatchedMs));
const openTimes: number[] = [];
for (let i = 0; i < 10; i += 1) openTimes.push((await time(openWeek))[1]);
report("open a school's week, record cached, median of 10", ms(median(openTimes)));
// Three of the largest pôles merged into one, to reach the 60 AESH and 300 pupils.
const bySize = [...new Set(record.schools.map((s) => s.poleId))].filter((id): id is number => id !== null)
  .map((id) => ({ id, pupils: record.pupils.filter((p) => record.schools.find((s) => s.id === p.schoolId)?.poleId === id).length }))
  .sort((a, b) => b.pupils - a.pupils).slice(0, 3).map((p) => p.id);
const merged = poleWorkspace({
  ...record,
  schools: record.schools.map((s) => (s.poleId !== null && bySize.includes(s.poleId) ? { ...s, poleId: bySize[0]! } : s)),
  aesh: record.aesh.map((a) => (a.poleId !== null && bySize.includes(a.poleId) ? { ...a, poleId: bySize[0]! } : a)),
}, bySize[0]!);
const dragged = merged.slots.find((s) => s.nature === 'accompaniment')!;
const frames: number[] = [];
for (let i = 0; i < 60; i += 1) {
  const start = performance.now();
  const moved = { ...dragged, startMinute: dragged.startMinute + (i % 8) * 15, endMinute: dragged.endMinute + (i % 8) * 15 };
  const frame = analyse(withSlots(merged, [moved]), today);
  buildView(frame, conflictsBySlot(gapsOf(frame)), 'aesh', moved.aeshId, [], null);
  if (i >= 10) frames.push(performance.now() - start);
}
report('drag frame: engine + view on the pôle, median of 50', `${ms(median(frames))} (pire ${ms(Math.max(...frames))})`);
report('  that pôle', `${merged.aesh.length} AESH, ${merged.pupils.length} élèves, ${merged.slots.length} créneaux`);
// Excel at department scale: the full record out, the same file into an empty record, dashboards.
const [recordFile, exportMs] = await time(() => api['exchange.export']({ kind: 'record' }));
report('export record (whole département, xlsx)', `${ms(exportMs)}, ${(recordFile.dataBase64.length * 0.75 / 1024 / 1024).toFixed(1)} Mo`);
const empty = await openRecord(join(dir, 'import.db'));
const importer = createServices(empty, { actor: 'bench' });
const [, previewMs] = await time(() => importer['exchange.preview']({ fileName: 'base.xlsx', dataBase64: recordFile.dataBase64 }));
report('import preview of that workbook (read + plan)', ms(previewMs));
const [[imported, importMs], importStall] = await longestStall(() => time(() => importer['exchange.import']({ fileName: 'base.xlsx', dataBase64: recordFile.dataBase64, strict: false, dryRun: false })));
report('import of that workbook into an empty record (plan + write)', ms(importMs));
// The import runs in this process, as on the main side today: the timer cannot tick meanwhile.
report('  event loop stall during it (longest gap between timer ticks)', ms(importStall));
report('  rows written', imported.reports.map((r) => `${r.sheet} ${r.created}`).join(', '));
await empty.close();
const [, dashboardsMs] = await time(() => api['exchange.export']({ kind: 'dashboards', date: today }));
report('export PIAL dashboards (120 pôles)', ms(dashboardsMs));
const [, surveyMs] = await time(() => api['exchange.export']({ kind: 'survey', date: today }));
report('export survey', ms(surveyMs));
report('memory (RSS) after all of the above', `${Math.round(process.memoryUsage().rss / 1024 / 1024)} Mo`);
await connection.close();

report('browser mode start, empty record (process → address printed)', ms(await browserModeStart(join(dir, 'empty.db'))));
report('browser mode start, department record', ms(await browserModeStart(cliDb)));
report('browser mode memory (RSS), department record, dashboard + Alertes computed', `${Math.round(await browserModeMemory(cliDb))} Mo`);

// Protection at department scale: the start's integrity check and backup, the key derivation of an
// encrypted record, backups (the backup API for a plain record, VACUUM INTO for an encrypted one).
const PASSPHRASE = 'phrase de passe du banc d’essai';
const encryptedDb = join(dir, 'chiffree.db');
copyFileSync(cliDb, encryptedDb);
const [, encryptMs] = await time(() => encryptRecordFile(encryptedDb, PASSPHRASE));
report('encrypt the department record on request (copy, rekey, check, wipe)', ms(encryptMs));
for (const [label, path, passphrase] of [['plain', cliDb, undefined], ['encrypted', encryptedDb, PASSPHRASE]] as const) {
  const [host, startMs] = await time(() => RecordHost.start({ path, actor: 'bench', passphrase, interactive: false, backupAtStart: true }));
  report(`record start, ${label} (open, integrity_check, backup at start)`, ms(startMs));
  const record = host.record!;
  const [, checkMs] = await time(() => integrityProblems(record.sqlite));
  report(`  integrity_check alone, ${label}`, ms(checkMs));
  const [backup, backupMs] = await time(() => host.handlers['backups.create']({}));
  report(`  backup, ${label}`, `${ms(backupMs)}, ${(backup.bytes / 1024 / 1024).toFixed(1)} Mo`);
  await host.close();
}
