// The order of the calls on one record. Most calls may run side by side (SQLite serialises their
// writes); a call that closes the record to replace or convert it may not: it would cut the others
// short, or they would write into a file about to be replaced, and their edits would be lost.

export class CallGate {
  private inFlight = 0;
  private drainWaiters: (() => void)[] = [];
  /** Exclusive calls waiting or running: a shared call that comes meanwhile waits for them. */
  private queued = 0;
  /** Settles once every exclusive call queued so far has run. */
  private barrier: Promise<void> = Promise.resolve();

  /** Runs `work` beside the other shared calls, after every exclusive call queued before it. */
  async shared<T>(work: () => Promise<T>): Promise<T> {
    // Checked before any await: a call made before a restore is in flight when the restore is asked.
    while (this.queued > 0) await this.barrier;
    this.inFlight += 1;
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const wake of this.drainWaiters.splice(0)) wake();
    }
  }

  /** Runs `work` alone: once the calls in flight are done, while the calls that come later wait. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.queued += 1;
    const run = this.barrier.then(() => this.drained()).then(work).finally(() => {
      this.queued -= 1;
    });
    this.barrier = run.then(() => undefined, () => undefined);
    return run;
  }

  private drained(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.drainWaiters.push(resolve));
  }
}
