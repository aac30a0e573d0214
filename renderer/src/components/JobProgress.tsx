// A long job of the services (an allocation, an import, an export) while it runs: its progress as
// the services report it (done out of total, and the step in French), read every quarter of a
// second, the best proposal found so far when the job seeks one, and the button that cancels it. The job runs on the services' side whatever the screen
// does: unmounting this only stops reading, and mounting it again on the same job resumes.
import { useEffect, useEffectEvent, useId, useRef, useState, type ReactNode } from 'react';
import type { ApiOutput } from '../../../shared/api/contract.ts';
import { countOf } from '../../../shared/domain/french.ts';
import { formatHours } from '../../../shared/domain/hours.ts';
import { useApi } from '../api.ts';
import { useSecondsElapsed } from './elapsed.ts';

export type JobStatus = ApiOutput<'jobs.status'>;
type JobId = JobStatus['jobId'];

const POLL_MS = 250;
/** Counts of lines in the tens of thousands, grouped as French writes them: 79 056. */
const number = (value: number): string => value.toLocaleString('fr-FR');

interface Props {
  jobId: JobId;
  /** What runs, in French: "Calcul de la répartition". */
  label: string;
  /** Called once, when the job is done, failed or cancelled. */
  onEnd(status: JobStatus): void;
}

export function JobProgress({ jobId, label, onEnd }: Props): ReactNode {
  const api = useApi();
  const labelId = useId();
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const ended = useEffectEvent(onEnd);
  /** The last status read, and whether the end was reported: a cancel may answer for a job that ended meanwhile. */
  const last = useRef<JobStatus | null>(null);
  const over = useRef(false);
  // The time spent, so that a step that lasts (one big pôle) still shows the work goes on.
  const seconds = useSecondsElapsed(1000, jobId);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (): Promise<void> => {
      try {
        const next = await api('jobs.status', { jobId });
        if (!live || over.current) return;
        last.current = next;
        setStatus(next);
        if (next.state === 'running') timer = setTimeout(() => void poll(), POLL_MS);
        else {
          over.current = true;
          ended(next);
        }
      } catch (error) {
        if (live && !over.current) setProblem((error as Error).message);
      }
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, jobId]);

  const cancel = async (): Promise<void> => {
    setCancelling(true);
    try {
      const { cancelled } = await api('jobs.cancel', { jobId });
      // The job ended between two readings and the cancel dropped its result: it ends as cancelled.
      if (!cancelled && !over.current && last.current !== null) {
        over.current = true;
        onEnd({ ...last.current, state: 'cancelled' });
      }
    } catch (error) {
      setCancelling(false);
      setProblem((error as Error).message);
    }
  };

  const done = status?.done ?? 0;
  const total = status?.total ?? 0;
  // Before the first report the total is not known: the bar is determinate from then on.
  const share = total > 0 ? Math.min(1, done / total) : 0;
  return (
    <section className="job-progress" aria-labelledby={labelId}>
      <p id={labelId} className="job-progress-label">{label}</p>
      <div
        className="job-progress-track" role="progressbar" aria-labelledby={labelId}
        aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}
        aria-valuetext={total > 0 ? `${number(done)} sur ${number(total)}${status?.step ? ` — ${status.step}` : ''}` : 'Démarrage…'}
      >
        <div className="job-progress-bar" style={{ width: `${(100 * share).toFixed(1)}%` }} />
      </div>
      <p className="job-progress-step">
        <span>{status?.step || 'Démarrage…'}</span>
        <span className="muted">{total > 0 ? `${number(done)} / ${number(total)} · ` : ''}{seconds} s</span>
      </p>
      {status?.best ? (
        <p className="job-progress-best" role="status">
          Meilleure proposition jusqu’ici : {countOf(status.best.pupilsWithout, 'élève sans AESH', 'élèves sans AESH')}, {formatHours(status.best.missingMinutes)} individuelles manquantes
        </p>
      ) : null}
      {problem !== null ? <p className="form-error" role="alert">{problem}</p> : null}
      <button type="button" onClick={() => void cancel()} disabled={cancelling}>{cancelling ? 'Annulation…' : 'Annuler'}</button>
    </section>
  );
}
