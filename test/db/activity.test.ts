// The activity of a period over the real services and an in-memory record (clock at 23/11/2026): a
// PAS's saisines and a PIAL's hours around the Toussaint holidays, the amendment read from the
// journal, the job with its progress, and the rapport d'activités as a workbook (the same columns
// for every pôle, one row each) and as an A4 PDF whose text is the pôle's, accents included.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { ApiCall } from '../../shared/api/contract.ts';
import { makeUai } from '../../shared/domain/uai.ts';
import { ACTIVITY_COLUMNS } from '../../electron/exchange/activity.ts';
import { openTestRecord, seedBasics } from '../support/record.ts';

const period = { from: '2026-09-01', to: '2026-11-15' };

/** A PAS with two saisines, and the PIAL of seedBasics: Léa 6 h notified, 6 h placed, Sophie away on Tuesday 13 October. */
async function seed(api: ApiCall): Promise<void> {
  const ids = await seedBasics(api);
  const contract = await api('contracts.create', { aeshId: ids.aeshId, kind: 'CDD', startDate: '2026-09-01', endDate: '2029-08-31', weeklyHours: 24 });
  // An avenant: the journal records it on the clock's day, 23 November.
  await api('contracts.update', { id: contract.id, version: contract.version, aeshId: ids.aeshId, kind: 'CDD', startDate: '2026-09-01', endDate: '2029-08-31', weeklyHours: 20 });
  await api('notifications.create', { pupilId: ids.pupilId, kind: 'individual', weeklyHours: 6, startDate: '2026-09-01', endDate: '2028-08-31' });
  for (const weekday of [1, 2]) await api('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday, startMinute: 510, endMinute: 690, pupilIds: [ids.pupilId] });
  await api('absences.create', { aeshId: ids.aeshId, startDate: '2026-10-13', endDate: '2026-10-13', reason: 'maladie' });

  const pas = await api('poles.create', { code: 'PAS-084-001', name: 'PAS du Luberon', kind: 'PAS' });
  const college = await api('schools.create', { uai: makeUai('0840201'), name: 'Collège Le Pont', kind: 'college', commune: 'Pertuis', poleId: pas.id });
  const natures = await api('saisineNatures.list', {});
  const natureId = natures.find((n) => n.label === 'Troubles du comportement')!.id;
  const saisine = (receivedOn: string) => api('saisines.create', {
    poleId: pas.id, receivedOn, origin: 'equipe', natureId, pupilLastName: 'Roux', pupilFirstName: 'Jules', pupilSchoolId: college.id, pupilLevel: '5e',
  });
  const first = await saisine('2026-09-07');
  for (const [step, date] of [[1, '2026-09-07'], [2, '2026-09-11'], [5, '2026-10-05'], [7, '2026-11-09']] as const) {
    await api('saisineSteps.create', { saisineId: first.id, step, date, decision: step === 5 ? 'valide' : undefined });
  }
  const second = await saisine('2026-10-01');
  await api('saisineSteps.create', { saisineId: second.id, step: 2, date: '2026-10-08' });
}

/** The text a PDF's content streams draw: each stream inflated, each hex string read as WinAnsi. */
function pdfText(bytes: Buffer): string {
  const raw = bytes.toString('latin1');
  const parts: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1]!, 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const hex of content.matchAll(/<([0-9A-Fa-f]+)> Tj/g)) parts.push(new TextDecoder('windows-1252').decode(Buffer.from(hex[1]!, 'hex')));
  }
  return parts.join('\n');
}

describe('the activity of a period', () => {
  it('counts a PAS’s saisines and delays, and a PIAL’s hours over the school weeks with the amendment', async () => {
    const { api } = await openTestRecord();
    await seed(api);
    const pas = (await api('activity.get', { ...period, pole: 'PAS-084-001' })).poles[0]!;
    expect(pas.saisines).toMatchObject({
      received: 2, byOrigin: { famille: 0, equipe: 2, autre: 0 }, byDegree: { first: 0, second: 2 },
      byMonth: [{ month: '2026-09', count: 1 }, { month: '2026-10', count: 1 }, { month: '2026-11', count: 0 }],
      plansSubmitted: 1, plansValidated: 1,
    });
    // First contact after 4 and 7 days; the plan after 28; the bilan 35 days after the plan.
    expect(pas.saisines.delays).toEqual({
      firstContact: { count: 2, medianDays: 5.5, worstDays: 7 }, plan: { count: 1, medianDays: 28, worstDays: 28 }, bilan: { count: 1, medianDays: 35, worstDays: 35 },
    });
    expect(pas.saisines.outcomes).toMatchObject({ bilan_transmis: 1, en_recueil: 1 });

    const year = await api('activity.get', { from: '2026-09-01', to: '2026-11-30', pole: 'PIAL-T1' });
    const pial = year.poles[0]!;
    // 1 September (a Tuesday) to Monday 30 November touch 14 weeks, less the two of Toussaint.
    expect(pial.support.schoolWeeks).toBe(12);
    expect(pial.support.notifiedMinutes).toBe(12 * 6 * 60);
    expect(pial.support.scheduledMinutes).toBe(12 * 6 * 60);
    expect(pial.support.lostMinutes).toBe(3 * 60);
    expect(pial.aesh.amendments.map((a) => [a.name, a.date, a.detail])).toEqual([['Sophie Durand', '2026-11-23', '24 h → 20 h par semaine']]);
    expect(pial.aesh.arrivals.map((a) => a.date)).toEqual(['2026-09-01']);
  });

  it('runs as a job whose result is the same figures, and refuses an unknown pôle', async () => {
    const { api } = await openTestRecord();
    await seed(api);
    const { jobId } = await api('activity.start', { ...period });
    let status = await api('jobs.status', { jobId });
    while (status.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = await api('jobs.status', { jobId });
    }
    expect(status).toMatchObject({ state: 'done', kind: 'activity', total: 9, done: 9 });
    const figures = await api('activity.result', { jobId });
    expect(figures.poles.map((p) => p.poleCode)).toEqual(['PAS-084-001', 'PIAL-T1']);
    expect(figures).toEqual(await api('activity.get', { ...period }));
    await expect(api('activity.get', { ...period, pole: 'PAS-999' })).rejects.toThrow('Pôle PAS-999 inconnu.');
    await expect(api('activity.get', { from: '2026-11-15', to: '2026-09-01' })).rejects.toMatchObject({ issues: [{ path: 'to', message: 'La fin de la période précède son début.' }] });
  });

  it('exports the rapport d’activités: one row per pôle with the same columns, detail sheets, and an A4 PDF per pôle', async () => {
    const { api } = await openTestRecord();
    await seed(api);
    const file = await api('activity.export', { ...period, format: 'xlsx' });
    expect(file.fileName).toBe('rapport-activite-departement-2026-09-01-2026-11-15.xlsx');
    const book = XLSX.read(Buffer.from(file.dataBase64, 'base64'), { cellDates: true });
    expect(book.SheetNames).toEqual(['Rapport', 'Saisines par mois', 'Saisines par nature', 'Saisines par établissement', 'Semaines', 'Attentes', 'Ruptures', 'AESH']);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets.Rapport!, { header: 1 });
    expect(rows[0]).toEqual(ACTIVITY_COLUMNS);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['PAS-084-001', 'PIAL-T1', 'Ensemble']);
    const column = (header: string): unknown[] => rows.slice(1).map((r) => r[ACTIVITY_COLUMNS.indexOf(header)]);
    expect(column('Saisines reçues')).toEqual([2, 0, 2]);
    expect(column('Heures perdues (absences non remplacées)')).toEqual([0, 3, 3]);
    const natures = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['Saisines par nature']!);
    expect(natures).toEqual([{ Pôle: 'PAS-084-001', Nature: 'Troubles du comportement', Saisines: 2 }]);

    const pdf = await api('activity.export', { ...period, pole: 'PAS-084-001', format: 'pdf' });
    expect(pdf.fileName).toBe('rapport-activite-PAS-084-001-2026-09-01-2026-11-15.pdf');
    const bytes = Buffer.from(pdf.dataBase64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(bytes);
    expect(text).toContain('PAS-084-001 — PAS du Luberon');
    expect(text).toContain('De la réception au premier contact');
    expect(text).toContain('Du plan d’action au bilan');
    expect(text).toContain('Plans soumis aux pilotes / validés');
    expect(text).toContain('Troubles du comportement');
    expect(text).toContain('du 01/09/2026 au 15/11/2026');
  });
});
