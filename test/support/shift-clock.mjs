// Preloaded (node --import) into every process of a test run when PLANIF_CLOCK_SHIFT_DAYS is set:
// the process's clock reads that many days ahead of the machine's, as libfaketime would, but in
// Node itself, so that it needs no system package and reaches every process the run starts (the
// vitest workers, jsdom's included, and the command lines the tests spawn inherit NODE_OPTIONS).
// A test that passes only on the day it was written fails there. Only the current instant moves:
// a date built from its parts or a timestamp stays what it says, and time still flows.
const days = Number(process.env.PLANIF_CLOCK_SHIFT_DAYS ?? '0');
if (!Number.isInteger(days)) throw new Error(`PLANIF_CLOCK_SHIFT_DAYS must be a whole number of days, not “${process.env.PLANIF_CLOCK_SHIFT_DAYS}”`);

if (days !== 0) {
  const RealDate = Date;
  const realNow = RealDate.now;
  const now = () => realNow() + days * 86_400_000;
  // A proxy rather than a subclass: `Date()` called without `new` must still answer a string, and
  // `instanceof Date`, Date.UTC, Date.parse and the prototype stay the real ones.
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget),
    apply: () => new RealDate(now()).toString(),
    get: (target, property, receiver) => (property === 'now' ? now : Reflect.get(target, property, receiver)),
  });
}
