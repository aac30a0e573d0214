// A job started from a screen (an export, a snapshot): its progress bar with Annuler while it runs,
// then its result handed to the screen, or a sentence saying why there is none (cancelled, failed).
import { useState, type ReactNode } from 'react';
import { JobProgress, type JobStatus } from './JobProgress.tsx';

export interface Job {
  running: boolean;
  /** Starts the job (`begin` answers its id); `label` names it above the bar, in French. */
  start(label: string, begin: () => Promise<{ jobId: string }>): Promise<void>;
  /** The bar while the job runs, and what ended it when it gave nothing. */
  view: ReactNode;
}

/**
 * `take` reads the finished job's result, `receive` gives it to the screen; `cancelled` says what a
 * cancel left (nothing written, no file).
 */
export function useJob<R>(take: (jobId: string) => Promise<R>, receive: (result: R) => void, cancelled: string): Job {
  const [job, setJob] = useState<{ jobId: string; label: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const start = async (label: string, begin: () => Promise<{ jobId: string }>): Promise<void> => {
    setMessage(null);
    try {
      const { jobId } = await begin();
      setJob({ jobId, label });
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  const ended = async (status: JobStatus): Promise<void> => {
    setJob(null);
    if (status.state === 'cancelled') setMessage(cancelled);
    else if (status.state === 'failed') setMessage(status.error ?? 'Échec.');
    else {
      try {
        receive(await take(status.jobId));
      } catch (e) {
        setMessage((e as Error).message);
      }
    }
  };
  return {
    running: job !== null,
    start,
    view: (
      <>
        {job ? <JobProgress key={job.jobId} jobId={job.jobId} label={job.label} onEnd={(status) => void ended(status)} /> : null}
        {message ? <p className="form-error" role="alert">{message}</p> : null}
      </>
    ),
  };
}
