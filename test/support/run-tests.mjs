// The test runs of `npm test`: the whole suite on the machine's clock (every project, then the
// project `alone` by itself, both in one report), then the unit, db and
// component projects again on a clock SHIFT_DAYS ahead (shift-clock.mjs), so that a test passing
// only on the day it was written fails on any day. `--shifted-only` runs the second alone.
//
// One script runs both because npm hands `npm test -- ARGS` to the last command of a script only:
// ARGS (a file filter, reporters…) go to both runs, and a report asked for with --outputFile FILE
// is written to FILE by the first run and to FILE with `.shifted` before its extension by the
// second (.ci/run reads both).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, parse } from 'node:path';

/**
 * A year and a month: another school year and another weekday, past a New Year, with the dates
 * the tests pin left far behind. PLANIF_CLOCK_SHIFT_DAYS chooses another shift (a Sunday, a
 * holiday…) for a run by hand.
 */
const SHIFT_DAYS = Number(process.env.PLANIF_CLOCK_SHIFT_DAYS ?? '400');
/**
 * Left out of the shifted run: they kill imports at random points and feed a thousand mutated
 * files to the importer, nothing in them reads the date, and they take most of the db project's
 * time (their run twice would add minutes to `npm test` for nothing).
 */
const NOT_SHIFTED = ['test/db/crash.test.ts', 'test/db/fuzz.test.ts'];
// The project `alone` (the main thread's pauses during an import through the worker) measures time,
// not dates: it runs once, after the others.

const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
// A file: URL has no space in it, which NODE_OPTIONS would split on.
const preload = new URL('./shift-clock.mjs', import.meta.url).href;

/** The report file given with `--outputFile FILE` (or `--outputFile=FILE`, `--outputFile.json FILE`), if any. */
function reportFile(args) {
  for (const [i, arg] of args.entries()) {
    const inline = /^--outputFile(?:\.json)?=(.+)$/.exec(arg);
    if (inline) return inline[1];
    if (/^--outputFile(\.json)?$/.test(arg)) return args[i + 1];
  }
  return undefined;
}

/** The JSON report of `extra` added to the one of `main`: counts summed, files listed together. */
function mergeReports(main, extra) {
  if (main === undefined || !existsSync(main) || !existsSync(extra)) return;
  const a = JSON.parse(readFileSync(main, 'utf8'));
  const b = JSON.parse(readFileSync(extra, 'utf8'));
  for (const key of Object.keys(a)) if (typeof a[key] === 'number' && key !== 'startTime' && typeof b[key] === 'number') a[key] += b[key];
  a.success = a.success && b.success;
  a.testResults = [...a.testResults, ...b.testResults];
  writeFileSync(main, JSON.stringify(a));
  rmSync(extra);
}

/** `--outputFile report.json` → `--outputFile report.SUFFIX.json` (also `--outputFile=…`, `--outputFile.json …`). */
function renamedReports(args, suffix) {
  const renamed = (file) => {
    const { dir, name, ext } = parse(file);
    return join(dir, `${name}.${suffix}${ext}`);
  };
  return args.map((arg, i) => {
    const inline = /^(--outputFile(?:\.\w+)?)=(.+)$/.exec(arg);
    if (inline) return `${inline[1]}=${renamed(inline[2])}`;
    return /^--outputFile(\.\w+)?$/.test(args[i - 1] ?? '') ? renamed(arg) : arg;
  });
}

function run(args, env = process.env) {
  const result = spawnSync(process.execPath, [vitest, 'run', ...args], { stdio: 'inherit', env });
  return result.status ?? 1;
}

const shiftedOnly = process.argv[2] === '--shifted-only';
const args = process.argv.slice(shiftedOnly ? 3 : 2);
if (!shiftedOnly) {
  // Every project two files at a time, then the timer-bound file alone (see vitest.config.ts):
  // one report for both, as before.
  // A filter given to `npm test` may name only the file of `alone`.
  const status = run(['--project', 'unit', '--project', 'db', '--project', 'component', '--project', 'e2e', '--passWithNoTests', ...args]);
  if (status !== 0) process.exit(status);
  console.log('\nTest seul sur la machine (pauses du fil principal mesurées) :');
  const alone = run(['--project', 'alone', '--passWithNoTests', ...renamedReports(args, 'alone')]);
  mergeReports(reportFile(args), reportFile(renamedReports(args, 'alone')));
  if (alone !== 0) process.exit(alone);
}
console.log(`\nTests unit, db et component avec l’horloge avancée de ${SHIFT_DAYS} jours :`);
process.exit(run(
  [
    '--project', 'unit', '--project', 'db', '--project', 'component',
    ...NOT_SHIFTED.flatMap((file) => ['--exclude', file]),
    // A filter given to `npm test` may name only end-to-end tests.
    '--passWithNoTests',
    ...renamedReports(args, 'shifted'),
  ],
  { ...process.env, PLANIF_CLOCK_SHIFT_DAYS: String(SHIFT_DAYS), NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${preload}`.trim() },
));
