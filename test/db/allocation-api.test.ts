// The allocation assistant through the API, as the screens use it: a proposal computed as a job
// (progress, cancel), read, accepted in parts (each one change of the journal) and undone; refused
// when the record changed under it; a re-plan accepted in part; a restore during a job; "Qui peut
// accompagner cet élève ?"; absence cover with dated slots.
// The services' clock is stopped at FIXED_NOW, Monday 23/11/2026.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../shared/api/allocation.ts';
import { HARD_GAPS } from '../../electron/services/allocation.ts';
import { join } from 'node:path';
import type { ApiCall } from '../../shared/api/contract.ts';
import { openTestRecord, seedBasics, tempDir, type TestRecord } from '../support/record.ts';

const MONDAY = '2026-11-23';
const TUESDAY = '2026-11-24';
const NEXT_WEEK = '2026-11-30';
let record: TestRecord;
let ids: Awaited<ReturnType<typeof seedBasics>> & { hugoId: number; karimId: number };

/** Léa 12 h and Hugo 6 h notified, neither accompanied; Sophie Durand 24 h under contract, Karim Petit 6 h. */
async function seed(api: ApiCall): Promise<typeof ids> {
  const basics = await seedBasics(api);
  const hugo = await api('pupils.create', { identifier: '2025-0002', lastName: 'Bernard', firstName: 'Hugo', schoolId: basics.schoolId, level: 'CM1' });
  const karim = await api('aesh.create', { matricule: 'A002', lastName: 'Petit', firstName: 'Karim', poleId: basics.poleId });
  await api('contracts.create', { aeshId: basics.aeshId, kind: 'CDI', startDate: '2020-09-01', weeklyHours: 24 });
  await api('contracts.create', { aeshId: karim.id, kind: 'CDI', startDate: '2020-09-01', weeklyHours: 6 });
  await api('notifications.create', { pupilId: basics.pupilId, kind: 'individual', weeklyHours: 12, startDate: '2026-09-01', endDate: '2028-08-31' });
  await api('notifications.create', { pupilId: hugo.id, kind: 'individual', weeklyHours: 6, startDate: '2026-09-01', endDate: '2028-08-31' });
  return { ...basics, hugoId: hugo.id, karimId: karim.id };
}

beforeEach(async () => {
  record = await openTestRecord();
  ids = await seed(record.api);
});
afterEach(async () => record.host.close());

/** Polls a job until it ends, keeping every status seen. */
async function finish(jobId: string): Promise<JobStatus[]> {
  const seen: JobStatus[] = [];
  for (;;) {
    const status = await record.api('jobs.status', { jobId });
    seen.push(status);
    if (status.state !== 'running') return seen;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const slotsNow = async (): Promise<string[]> => (await record.api('slots.list', {}))
  .map((s) => `${s.aeshId} ${s.weekday} ${s.startMinute}-${s.endMinute} [${s.pupilIds.join(',')}] ${s.validFrom ?? ''}…${s.validTo ?? ''}`).sort();
const hardGaps = async (date: string): Promise<string[]> => (await record.api('gaps.list', { date }))
  .filter((g) => HARD_GAPS.includes(g.code)).map((g) => `${g.code} ${g.aesh}`);

describe('a proposal computed as a job', () => {
  it('reports monotonic progress up to done, proposes every missing hour, accepts a part in one change that undo removes, then the rest', async () => {
    const { jobId } = await record.api('allocation.start', { poleIds: [ids.poleId], date: MONDAY });
    const seen = await finish(jobId);
    const last = seen.at(-1)!;
    // Four steps for the one pôle (first proposal, bound, optimisation, placement), and the best proposal found.
    expect(last).toMatchObject({ state: 'done', kind: 'allocation', error: null, total: 4, done: 4, best: { pupilsWithout: 0, missingMinutes: 0 } });
    seen.forEach((s, i) => i > 0 && expect(s.done).toBeGreaterThanOrEqual(seen[i - 1]!.done));

    const view = await record.api('allocation.result', { jobId });
    const [pole] = view.poles;
    expect(pole).toMatchObject({ poleCode: 'PIAL-T1', before: { pupilsWithout: 2, individualMinutesCovered: 0 }, after: { pupilsWithout: 0, pupilsFull: 2, individualMinutesCovered: 18 * 60 } });
    expect(pole!.boundMinutes).toBe(18 * 60);
    const minutesOf = (pupilId: number): number => view.slots.filter((s) => s.pupilIds.includes(pupilId)).reduce((n, s) => n + s.end - s.start, 0);
    expect([minutesOf(ids.pupilId), minutesOf(ids.hugoId)]).toEqual([12 * 60, 6 * 60]);
    const lea = view.slots.filter((s) => s.pupilIds.includes(ids.pupilId));
    expect(lea[0]).toMatchObject({ pupilNames: ['Léa Martin'], schoolName: 'École Jean Moulin', validFrom: MONDAY, validTo: null, nature: 'accompaniment' });
    expect(lea[0]!.reason).toMatch(/^Léa M\. : 12 h manquantes ; /);

    // Accepting Léa's slots only: Hugo's stay a proposal, still acceptable; Léa's leave it.
    const done = await record.api('allocation.accept', { jobId, slotKeys: lea.map((s) => s.key) });
    expect(done.slots).toHaveLength(lea.length);
    const written = lea.map((s) => `${s.aeshId} ${s.weekday} ${s.start}-${s.end} [${ids.pupilId}] ${MONDAY}…`);
    expect(await slotsNow()).toEqual(written.toSorted());
    expect(await hardGaps(MONDAY)).toEqual([]);
    const rest = await record.api('allocation.result', { jobId });
    const hugo = view.slots.filter((s) => s.pupilIds.includes(ids.hugoId));
    expect(rest.slots).toEqual(hugo);
    await expect(record.api('allocation.accept', { jobId, slotKeys: [lea[0]!.key] })).rejects.toThrow(`Créneau proposé inconnu : ${lea[0]!.key}.`);

    // The rest, checked against the record as it is now, in a change of its own; the proposal is then used up.
    const second = await record.api('allocation.accept', { jobId });
    expect(second.slots).toHaveLength(hugo.length);
    expect(await slotsNow()).toEqual([...written, ...hugo.map((s) => `${s.aeshId} ${s.weekday} ${s.start}-${s.end} [${ids.hugoId}] ${MONDAY}…`)].sort());
    expect(await hardGaps(MONDAY)).toEqual([]);
    await expect(record.api('allocation.accept', { jobId })).rejects.toThrow(/inconnue ou expirée/);

    await record.api('journal.undo', { changeId: second.changeId });
    await record.api('journal.undo', { changeId: done.changeId });
    expect(await slotsNow()).toEqual([]);
  });

  it('stops when cancelled: the job says so and nothing is written', async () => {
    const journalBefore = await record.api('journal.list', { limit: 1000 });
    const { jobId } = await record.api('allocation.start', { poleIds: [ids.poleId], date: MONDAY });
    expect(await record.api('jobs.cancel', { jobId })).toEqual({ cancelled: true });
    const seen = await finish(jobId);
    expect(seen.at(-1)).toMatchObject({ state: 'cancelled', step: 'Tâche annulée.' });
    // The work's own end comes later; it must not turn the job into a result.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await record.api('jobs.status', { jobId })).state).toBe('cancelled');
    await expect(record.api('allocation.result', { jobId })).rejects.toThrow(/annulé/);
    expect(await slotsNow()).toEqual([]);
    expect(await record.api('journal.list', { limit: 1000 })).toEqual(journalBefore);
  });

  it('refuses to accept when an edit since the proposal would put an AESH in two places, naming the slot', async () => {
    const { jobId } = await record.api('allocation.start', { poleIds: [ids.poleId], date: MONDAY });
    await finish(jobId);
    const view = await record.api('allocation.result', { jobId });
    const taken = view.slots.find((s) => s.aeshId === ids.aeshId)!;
    await record.api('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday: taken.weekday, startMinute: taken.start, endMinute: taken.end, pupilIds: [ids.hugoId] });
    const before = await slotsNow();
    await expect(record.api('allocation.accept', { jobId })).rejects.toThrow(new RegExp(`Proposition refusée.*Sophie Durand, ${['', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'][taken.weekday]}.*AESH à deux endroits à la fois`));
    expect(await slotsNow()).toEqual(before);
  });

  it('refuses an unknown job and a job still running, in French', async () => {
    await expect(record.api('allocation.result', { jobId: 'allocation-99-x' })).rejects.toThrow(/Tâche inconnue/);
    const { jobId } = await record.api('allocation.start', { poleIds: [ids.poleId], date: MONDAY });
    await expect(record.api('allocation.result', { jobId })).rejects.toThrow(/pas terminé/);
    await finish(jobId);
  });
});

describe('a re-plan accepted in part', () => {
  it('ends the old slots of the pupils whose new slots are accepted: nobody keeps the old AESH on top of the new one', async () => {
    const { api } = record;
    // Léa has her 12 h with Sophie; the re-plan leaves Sophie out, so part of Léa's hours go to Karim.
    for (const weekday of [1, 2, 4, 5]) await api('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday, startMinute: 510, endMinute: 690, pupilIds: [ids.pupilId] });
    const { jobId } = await api('allocation.start', { poleIds: [ids.poleId], date: NEXT_WEEK, replan: true, excludedAeshIds: [ids.aeshId] });
    await finish(jobId);
    const view = await api('allocation.result', { jobId });
    expect(view.ended).toHaveLength(4);
    const withLea = view.slots.filter((s) => s.pupilIds.includes(ids.pupilId));
    expect(withLea.length).toBeGreaterThan(0);
    expect(withLea.every((s) => s.aeshId === ids.karimId)).toBe(true);

    // Karim's slots with Léa only: Sophie has no new slot to accept, yet her slots with Léa end the day before.
    await api('allocation.accept', { jobId, slotKeys: withLea.map((s) => s.key) });
    const running = (await api('slots.list', {})).filter((s) => s.pupilIds.includes(ids.pupilId) && (s.validTo === null || s.validTo >= NEXT_WEEK));
    expect(running.map((s) => s.aeshId)).toEqual(withLea.map(() => ids.karimId));
    expect(running.reduce((sum, s) => sum + s.endMinute - s.startMinute, 0)).toBeLessThanOrEqual(12 * 60);
    expect((await api('slots.list', { aeshId: ids.aeshId })).map((s) => s.validTo)).toEqual(['2026-11-29', '2026-11-29', '2026-11-29', '2026-11-29']);
    expect(await hardGaps(NEXT_WEEK)).toEqual([]);
    // They left the proposal with the slots accepted; Hugo's remain.
    const rest = await api('allocation.result', { jobId });
    expect(rest.ended).toEqual([]);
    expect(rest.slots.every((s) => s.pupilIds.includes(ids.hugoId))).toBe(true);
  });
});

describe('a restore of a backup during a job', () => {
  it('cancels the job, which writes nothing', async () => {
    const path = join(tempDir(), 'planif-aesh.db');
    const onFile = await openTestRecord(path);
    try {
      const { api } = onFile;
      const seeded = await seed(api);
      const saved = await api('backups.create', {});
      const journal = await api('journal.list', { limit: 1000 });
      const { jobId } = await api('allocation.start', { poleIds: [seeded.poleId], date: MONDAY });
      await api('backups.restore', { name: saved.name });
      expect(await api('jobs.status', { jobId })).toMatchObject({ state: 'cancelled', step: 'Tâche annulée.' });
      // The solver's own end, had it gone on, would come later: it must not revive the job.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await api('jobs.status', { jobId })).state).toBe('cancelled');
      await expect(api('allocation.accept', { jobId })).rejects.toThrow(/annulé/);
      expect(await api('slots.list', {})).toEqual([]);
      expect(await api('journal.list', { limit: 1000 })).toEqual(journal);
    } finally {
      await onFile.host.close();
    }
  });
});

describe('who can accompany this pupil', () => {
  it('ranks the AESH by the hours each could add within the rules, with the reasons', async () => {
    const candidates = await record.api('allocation.candidates', { pupilId: ids.pupilId, date: MONDAY });
    expect(candidates.map((c) => [c.name, c.coveredMinutes, c.freeMinutes, c.continuity])).toEqual([
      ['Sophie Durand', 12 * 60, 24 * 60, false],
      ['Karim Petit', 6 * 60, 6 * 60, false],
    ]);
    expect(candidates[0]!.reasons[0]).toMatch(/^peut ajouter 12 h : lundi 8 h 30–/);
    // Once Sophie works with Léa, she is continuity, and the hours she has given are no longer missing.
    await record.api('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday: 1, startMinute: 510, endMinute: 690, pupilIds: [ids.pupilId] });
    const after = await record.api('allocation.candidates', { pupilId: ids.pupilId, date: MONDAY });
    expect(after[0]).toMatchObject({ name: 'Sophie Durand', coveredMinutes: 9 * 60, continuity: true });
    expect(after[0]!.reasons).toContain('accompagne déjà l’élève');
  });
});

describe('absence cover', () => {
  it('proposes replacement slots for the absent day only, and leaves the week after as it was', async () => {
    const { api } = record;
    for (const weekday of [1, 2]) await api('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday, startMinute: 510, endMinute: 690, pupilIds: [ids.pupilId] });
    const absence = await api('absences.create', { aeshId: ids.aeshId, startDate: TUESDAY, endDate: TUESDAY, reason: 'maladie' });
    const nextWeekBefore = await api('gaps.list', { date: NEXT_WEEK });
    expect((await api('gaps.list', { date: TUESDAY })).filter((g) => g.code === 'ABSENCE_UNCOVERED')).toHaveLength(1);

    const { jobId } = await api('allocation.cover', { absenceIds: [absence.id] });
    expect((await finish(jobId)).at(-1)!.state).toBe('done');
    const view = await api('allocation.result', { jobId });
    expect(view.slots.map((s) => [s.aeshName, s.weekday, s.start, s.end, s.pupilIds, s.validFrom, s.validTo])).toEqual([
      ['Karim Petit', 2, 510, 690, [ids.pupilId], TUESDAY, TUESDAY],
    ]);
    expect(view.slots[0]!.reason).toMatch(/^Léa M\. \(absence de Sophie D\. le mardi 24\/11\/2026\) : 3 h manquantes ; Karim P\. a /);

    await api('allocation.accept', { jobId });
    expect((await api('gaps.list', { date: TUESDAY })).filter((g) => g.code === 'ABSENCE_UNCOVERED')).toEqual([]);
    expect(await hardGaps(TUESDAY)).toEqual([]);
    expect(await api('gaps.list', { date: NEXT_WEEK })).toEqual(nextWeekBefore);
  });
});
