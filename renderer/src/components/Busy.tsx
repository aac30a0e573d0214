import type { ReactNode } from 'react';
import { useSecondsElapsed } from './elapsed.ts';

/** Shown while a long task runs: nothing for the first second, then a progress bar and the time spent. */
export function Busy({ label }: { label: string }): ReactNode {
  // Read four times a second so that the bar appears as soon as the first second has passed.
  const seconds = useSecondsElapsed(250);
  if (seconds < 1) return null;
  return (
    <div className="busy" role="status">
      <progress aria-label={label} />
      <span>{label}… {seconds} s</span>
    </div>
  );
}
