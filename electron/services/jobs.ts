// Long work that runs off the request: the call that starts it answers a job id at once, and the
// renderer (or the command line) polls `jobs.status` for a determinate progress bar and may
// `jobs.cancel`. Jobs live in memory with their services: a result is kept until it is taken (an
// allocation accepted, a file downloaded) or for 10 minutes after the job ended, whichever comes
// first, so an abandoned proposal does not hold its memory. Kinds of work name their result type
// in JobResults: the allocation assistant, imports, exports and snapshots (electron/services/exports.ts).
import type { ApiHandlers, ExportedFile, Snapshot } from '../../shared/api/contract.ts';
import type { JobBest, JobKind, JobStatus } from '../../shared/api/allocation.ts';
import { ApiError } from '../../shared/api/errors.ts';
import { assertNever } from '../../shared/domain/never.ts';
import type { AllocationJob } from './allocation.ts';
import type { ImportJob } from './exchange.ts';
import type { ActivityFigures } from '../../shared/activity/figures.ts';

/** What each kind of job produces. */
export interface JobResults {
  allocation: AllocationJob;
  import: ImportJob;
  activity: ActivityFigures;
  export: ExportedFile;
  snapshot: Snapshot;
}

/** What a job's work sees: its progress to report (with the best proposal so far, when it has one), and the signal that cancels it. */
export interface JobControl {
  readonly signal: AbortSignal;
  progress(done: number, total: number, step: string, best?: JobBest): void;
  /** From here the work is committed (an import's transaction): a cancel no longer stops it, and says so. */
  committed(): void;
}

interface Job {
  status: JobStatus;
  controller: AbortController;
  result: JobResults[JobKind] | null;
  /** When the job ended (the registry's clock), for the expiry of its result. */
  endedAt: number | null;
  committed: boolean;
}

export const RESULT_KEPT_MS = 10 * 60 * 1000;
const CANCELLED = 'Tâche annulée.';

export class JobRegistry {
  private readonly jobs = new Map<string, Job>();
  private counter = 0;
  private readonly clock: () => number;

  /** `clock` in milliseconds; a monotonic one by default, so that a clock pinned for tests or changed by the user does not keep results forever. */
  constructor(clock: () => number = () => performance.now()) {
    this.clock = clock;
  }

  start<K extends JobKind>(kind: K, step: string, work: (control: JobControl) => Promise<JobResults[K]>): string {
    this.sweep();
    this.counter += 1;
    const jobId = `${kind}-${this.counter}-${Math.random().toString(36).slice(2, 8)}`;
    const controller = new AbortController();
    const job: Job = { status: { jobId, kind, state: 'running', done: 0, total: 0, step, error: null, best: null }, controller, result: null, endedAt: null, committed: false };
    this.jobs.set(jobId, job);
    const control: JobControl = {
      signal: controller.signal,
      progress: (done, total, text, best) => {
        if (job.status.state !== 'running') return;
        // Progress never goes back: a bar that shrinks reads as a fault.
        const newTotal = Math.max(job.status.total, total);
        job.status = { ...job.status, total: newTotal, done: Math.min(newTotal, Math.max(job.status.done, done)), step: text, best: best ?? job.status.best };
      },
      committed: () => {
        job.committed = true;
      },
    };
    // The work starts after this call has answered with the job id.
    void Promise.resolve().then(() => work(control)).then(
      (result) => {
        if (controller.signal.aborted && !job.committed) return this.end(job, 'cancelled', CANCELLED, null);
        job.result = result;
        return this.end(job, 'done', 'Terminé.', null);
      },
      (error: unknown) => {
        if (controller.signal.aborted) this.end(job, 'cancelled', CANCELLED, null);
        else this.end(job, 'failed', 'Échec.', error instanceof Error ? error.message : String(error));
      },
    );
    return jobId;
  }

  status(jobId: string): JobStatus {
    return { ...this.find(jobId).status };
  }

  /** Stops a running job (its work sees the signal; nothing it prepared is written); a finished job's result is dropped. */
  cancel(jobId: string): { cancelled: boolean } {
    const job = this.find(jobId);
    if (job.committed && job.status.state === 'running') return { cancelled: false };
    if (job.status.state !== 'running') {
      job.result = null;
      this.jobs.delete(jobId);
      return { cancelled: false };
    }
    job.controller.abort(new DOMException(CANCELLED, 'AbortError'));
    this.end(job, 'cancelled', CANCELLED, null);
    return { cancelled: true };
  }

  /**
   * The record closes (a restore, an encryption, the app quitting): every running job is cancelled,
   * except work already committed, which cannot be stopped; finished results are dropped, since
   * they were computed from that record and name its rows.
   */
  cancelAll(): void {
    for (const [jobId, job] of this.jobs) {
      if (job.status.state !== 'running') this.jobs.delete(jobId);
      else if (!job.committed) this.cancel(jobId);
    }
  }

  /** The result of a finished job of `kind`, kept for another read. */
  result<K extends JobKind>(jobId: string, kind: K): JobResults[K] {
    const job = this.find(jobId);
    if (job.status.kind !== kind) throw new ApiError('refused', 'Cette tâche est d’une autre sorte : son résultat ne se lit pas ici.');
    switch (job.status.state) {
      case 'running':
        throw new ApiError('refused', `Le calcul n’est pas terminé (${job.status.step}).`);
      case 'failed':
        throw new ApiError('refused', `Le calcul a échoué : ${job.status.error ?? 'raison inconnue'}`);
      case 'cancelled':
        throw new ApiError('refused', 'Le calcul a été annulé : relancez-le.');
      case 'done':
        return job.result as JobResults[K];
      default:
        return assertNever(job.status.state, 'état de tâche');
    }
  }

  /** The result, then forgotten: a proposal is accepted once. */
  take<K extends JobKind>(jobId: string, kind: K): JobResults[K] {
    const result = this.result(jobId, kind);
    this.jobs.delete(jobId);
    return result;
  }

  private find(jobId: string): Job {
    this.sweep();
    const job = this.jobs.get(jobId);
    if (job === undefined) throw new ApiError('not_found', 'Tâche inconnue ou expirée (un résultat est gardé 10 minutes) : relancez le calcul.');
    return job;
  }

  private end(job: Job, state: Exclude<JobStatus['state'], 'running'>, step: string, error: string | null): void {
    if (job.status.state !== 'running') return;
    job.status = { ...job.status, state, step, error, done: state === 'done' ? job.status.total : job.status.done };
    job.endedAt = this.clock();
  }

  private sweep(): void {
    const now = this.clock();
    for (const [id, job] of this.jobs) if (job.endedAt !== null && now - job.endedAt > RESULT_KEPT_MS) this.jobs.delete(id);
  }
}

export function jobHandlers(jobs: JobRegistry): Pick<ApiHandlers, 'jobs.status' | 'jobs.cancel'> {
  return {
    'jobs.status': ({ jobId }) => Promise.resolve(jobs.status(jobId)),
    'jobs.cancel': ({ jobId }) => Promise.resolve(jobs.cancel(jobId)),
  };
}
