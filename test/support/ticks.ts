// How responsive this thread stays while work runs elsewhere: a timer ticks every `every` ms, and
// each gap between two ticks is kept (the last one up to the work's end). A gap far above `every`
// is a time the event loop could not run: blocked by this thread's own work, or not scheduled.

export async function tickGaps<T>(work: () => Promise<T>, every = 10): Promise<{ result: T; gaps: number[] }> {
  const gaps: number[] = [];
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }, every);
  try {
    return { result: await work(), gaps };
  } finally {
    clearInterval(ticker);
    gaps.push(performance.now() - last);
  }
}
