import { useEffect, useState } from 'react';

/**
 * Whole seconds since the component mounted (or `key` changed), read every `tickMs`: how long a
 * task has run, shown so that a long step visibly goes on. A duration, not a date: no clock to pin.
 */
export function useSecondsElapsed(tickMs: number, key?: unknown): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), tickMs);
    return () => clearInterval(timer);
  }, [tickMs, key]);
  return seconds;
}
