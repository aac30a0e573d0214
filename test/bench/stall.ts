// The main side while the record works (issue 12): how long its event loop stalls during a whole
// département's import, with the record in a worker thread (as the browser mode and the command
// line run it now) and in this thread (as they ran it before); how long the browser mode takes to
// answer the first dashboard of a département; and the memory of its process (main thread and
// record worker together) once the dashboard and Alertes are computed. Figures only, no verdict.
//   node test/bench/stall.ts
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { RecordHost } from '../../electron/record/host.ts';
import type { ApiCaller } from '../../electron/record/protocol.ts';
import { startHostThread } from '../../electron/record/remote.ts';
import type { ApiInput, ApiOutput, MethodName } from '../../shared/api/contract.ts';
import { dispatch, unwrap } from '../../shared/api/dispatch.ts';
import { tickGaps } from '../support/ticks.ts';

const dir = mkdtempSync(join(tmpdir(), 'planif-stall-'));
const mo = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} Mo`;
const ms = (value: number): string => `${Math.round(value).toLocaleString('fr-FR')} ms`;
const report = (label: string, value: string): void => console.log(`${label.padEnd(72)} ${value}`);
const hostOptions = (path: string): { path: string; actor: string; interactive: false; backupAtStart: false } =>
  ({ path, actor: 'bench', interactive: false, backupAtStart: false });

async function api<M extends MethodName>(call: ApiCaller, method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  return unwrap(await call(method, input)) as ApiOutput<M>;
}

/** The import as the page runs it: started as a job, its status read every 100 ms until it ends. */
async function importJob(call: ApiCaller, dataBase64: string): Promise<void> {
  const { jobId } = await api(call, 'import.start', { fileName: 'departement.xlsx', dataBase64, mode: 'write' });
  for (;;) {
    const status = await api(call, 'jobs.status', { jobId });
    if (status.state === 'failed') throw new Error(status.error ?? 'import failed');
    if (status.state !== 'running') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Ticks a 10 ms timer while `work` runs: the longest gap between two ticks, the 99th percentile,
 * and how busy this thread's event loop was meanwhile (its utilisation): on a loaded machine a gap
 * may be the system not scheduling the thread, which the utilisation does not count.
 */
async function gapsDuring(work: () => Promise<void>): Promise<{ longest: number; p99: number; ticks: number; busy: number }> {
  const before = performance.eventLoopUtilization();
  const { gaps } = await tickGaps(work);
  const busy = performance.eventLoopUtilization(before).utilization;
  const sorted = gaps.toSorted((a, b) => a - b);
  return { longest: sorted.at(-1)!, p99: sorted[Math.floor(sorted.length * 0.99)]!, ticks: gaps.length, busy };
}
const describeGaps = (g: Awaited<ReturnType<typeof gapsDuring>>): string =>
  `${ms(g.longest)} (99 % ≤ ${ms(g.p99)}, ${g.ticks} ticks, event loop busy ${Math.round(g.busy * 100)} %)`;

/** VmRSS and VmHWM (its peak) of a process, from /proc: Linux only. */
function residentOf(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** The browser mode on `db`: the times from its start to the address printed and to each call answered, then its memory. */
async function browserMode(db: string): Promise<void> {
  const token = randomBytes(32).toString('hex');
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['electron/browser/main.ts', '--db', db], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, PLANIF_TOKEN: token } });
  try {
    const origin = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /Ouvrez (http:\/\/[^/\s]+)/.exec(output);
        if (found !== null) resolve(found[1]!);
      });
      child.on('exit', () => reject(new Error(output)));
    });
    report('browser mode, department: start → address printed', ms(performance.now() - started));
    // What the dashboard asks first, in its order, then Alertes.
    for (const method of ['app.info', 'indicators.get', 'gaps.list'] as const) {
      const response = await fetch(`${origin}/api/${method}`, { method: 'POST', headers: { 'x-planif-token': token }, body: '{}' });
      if (!(JSON.parse(await response.text()) as { ok: boolean }).ok) throw new Error(`${method} refused`);
      report(`browser mode, department: start → ${method} answered`, ms(performance.now() - started));
    }
    const memory = residentOf(child.pid!);
    report('browser mode memory (main thread + record worker), dashboard + Alertes', memory === null ? 'n/a (no /proc)' : `${mo(memory.rss)} (peak ${mo(memory.peak)})`);
  } finally {
    child.kill('SIGTERM');
  }
}

console.log(`Planif AESH — the main side during long work (Node ${process.versions.node}, ${new Date().toISOString()})\n`);

// The département's whole record as the exchange workbook, made in a worker: this thread holds the file only.
const departmentDb = join(dir, 'departement.db');
const maker = await startHostThread(hostOptions(departmentDb));
await api(maker.call, 'app.seedDemo', { scale: 'department' });
const { dataBase64 } = await api(maker.call, 'exchange.export', { kind: 'record' });
await maker.close();

const worker = await startHostThread(hostOptions(join(dir, 'through-worker.db')));
const throughWorker = await gapsDuring(() => importJob(worker.call, dataBase64));
report('department import, record in a worker: longest main-thread gap', describeGaps(throughWorker));
report('this process with the imported department open (main + worker): RSS', `${mo(process.memoryUsage().rss)} (peak ${mo(process.resourceUsage().maxRSS * 1024)})`);
await worker.close();

// Before: the host in this thread, as the browser mode and the command line ran it.
const local = await RecordHost.start(hostOptions(join(dir, 'in-process.db')));
const inProcess = await gapsDuring(() => importJob((method, input) => dispatch(local.handlers, method, input), dataBase64));
report('department import, record in this thread (before): longest gap', describeGaps(inProcess));
await local.close();

await browserMode(departmentDb);
