// `cli allocate` as a user runs it, on the small demo: the JSON it prints, nothing written without
// --apply, the proposal written with it and no new hard-rule gap for `cli gaps` to find. Each step
// is a whole process, as a user runs it: the timeouts allow for a loaded machine.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDaysIso, todayIso } from '../../shared/domain/dates.ts';
import { HARD_GAPS } from '../../electron/services/allocation.ts';
import { tempDir } from '../support/record.ts';

interface Figures { pupilsWithout: number; pupilsPartial: number; missingHours: number }
interface AllocateJson {
  date: string;
  applied: boolean;
  poles: { pole: string; before: Figures; after: Figures; bound: number; seconds: number }[];
  slots: { aesh: string; uai: string; day: string; start: string; end: string; pupils: string[]; nature: string }[];
  unplaced: { pupil: string; missingHours: number; reason: string }[];
}

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['electron/cli/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, PLANIF_PASSPHRASE: '' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const db = join(tempDir(), 'small.db');
// A Monday ahead: every new slot runs in that week, which `gaps --date` then reads whole.
const today = todayIso(new Date());
const monday = addDaysIso(today, (8 - new Date(`${today}T12:00:00`).getDay()) % 7 || 7);
const counts = (): Record<string, number> => (JSON.parse(cli('stats', '--db', db, '--json').stdout) as { counts: Record<string, number> }).counts;
const hardGaps = (): Set<string> => new Set((JSON.parse(cli('gaps', '--db', db, '--date', monday, '--json').stdout) as { code: string; aesh: string | null; message: string }[])
  .filter((g) => (HARD_GAPS as readonly string[]).includes(g.code)).map((g) => `${g.code} ${g.aesh} ${g.message}`));

beforeAll(() => {
  expect(cli('demo', '--db', db, '--scale', 'small').status).toBe(0);
}, 60_000);

describe('npm run cli -- allocate', () => {
  it('prints the proposal as JSON and writes nothing without --apply', () => {
    const before = counts();
    const run = cli('allocate', '--all', '--db', db, '--date', monday, '--time-limit', '0.5', '--json');
    expect(run.status, run.stderr).toBe(0);
    // Not a terminal: no progress line.
    expect(run.stderr).not.toMatch(/résolu/);
    const out = JSON.parse(run.stdout) as AllocateJson;
    expect(out).toMatchObject({ date: monday, applied: false });
    expect(out.poles).toEqual([{
      pole: 'PIAL-084-001', bound: expect.any(Number), seconds: expect.any(Number),
      before: { pupilsWithout: expect.any(Number), pupilsPartial: expect.any(Number), missingHours: expect.any(Number) },
      after: { pupilsWithout: expect.any(Number), pupilsPartial: expect.any(Number), missingHours: expect.any(Number) },
      recruitment: { contracts: expect.any(Number), etp: expect.any(Number) },
    }]);
    const [pole] = out.poles;
    expect(pole!.after.missingHours).toBeLessThan(pole!.before.missingHours);
    expect(pole!.after.pupilsWithout).toBeLessThanOrEqual(pole!.before.pupilsWithout);
    expect(out.slots.length).toBeGreaterThan(0);
    for (const slot of out.slots) {
      expect(slot).toEqual({
        aesh: expect.stringMatching(/^A\d+$/), uai: expect.stringMatching(/^\d{7}[A-Z]$/), day: expect.stringMatching(/^(lundi|mardi|mercredi|jeudi|vendredi|samedi)$/),
        start: expect.stringMatching(/^\d\d:\d\d$/), end: expect.stringMatching(/^\d\d:\d\d$/), pupils: [expect.stringMatching(/^\d{4}-\d+$/)], nature: 'accompaniment',
      });
    }
    for (const u of out.unplaced) expect(u).toEqual({ pupil: expect.any(String), missingHours: expect.any(Number), reason: expect.any(String) });
    expect(counts()).toEqual(before);
  }, 120_000);

  it('writes the proposal with --apply, one change, and cli gaps finds no new hard-rule gap', () => {
    const before = counts();
    const gapsBefore = hardGaps();
    const run = cli('allocate', '--pole', 'PIAL-084-001', '--db', db, '--date', monday, '--time-limit', '0.5', '--apply', '--json');
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as AllocateJson;
    expect(out.applied).toBe(true);
    const after = counts();
    expect(after.slots).toBe(before.slots! + out.slots.length);
    expect([...hardGaps()].filter((g) => !gapsBefore.has(g))).toEqual([]);
  }, 120_000);

  it('says in French what it needs, exit 2, and refuses an unknown pôle', () => {
    const none = cli('allocate', '--db', db);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/allocate attend --pole CODE/);
    const unknown = cli('allocate', '--pole', 'NOPE', '--db', db);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/pôle inconnu : NOPE/);
  }, 60_000);
});
