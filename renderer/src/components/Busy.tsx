import { useEffect, useState, type ReactNode } from 'react';

/** Shown while a long task runs: nothing for the first second, then a progress bar and the time spent. */
export function Busy({ label }: { label: string }): ReactNode {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 250);
    return () => clearInterval(timer);
  }, []);
  if (seconds < 1) return null;
  return (
    <div className="busy" role="status">
      <progress aria-label={label} />
      <span>{label}… {seconds} s</span>
    </div>
  );
}
