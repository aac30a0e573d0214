// The activity of a period over the real services and an in-memory record (clock at 23/11/2026): a
// PAS's saisines and a PIAL's hours around the Toussaint holidays, the amendment read from the
// journal, the job with its progress, and the rapport d'activités as a workbook (the same columns
// for every pôle, one row each) and as an A4 PDF whose text is the pôle's, accents included.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { ApiCall } from '../../shared/api/contract.ts';
import { makeUai } from '../../shared/domain/uai.ts';
import { ACTIVITY_COLUMNS } from '../../electron/exchange/activity.ts';
import { openTestRecord, seedBasics, tempDir } from '../support/record.ts';

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

describe('the school calendar of Paramètres', () => {
  const stored = (record: Awaited<ReturnType<typeof openTestRecord>>): Record<string, unknown> =>
    JSON.parse((record.connection.sqlite.prepare("select value_json from settings where key = 'general'").get() as { value_json: string }).value_json) as Record<string, unknown>;

  it('defaults to zone B’s national calendar, keeps an edited table, and Activité counts with it', async () => {
    const record = await openTestRecord();
    const { api } = record;
    await seed(api);
    const settings = await api('settings.get', {});
    expect(settings.holidayZone).toBe('B');
    expect(settings.schoolHolidays.find((h) => h.label === 'Toussaint' && h.start > '2026-08-01')).toEqual({ label: 'Toussaint', start: '2026-10-17', end: '2026-11-01', verified: false });
    const autumn = { from: '2026-09-01', to: '2026-11-30', pole: 'PIAL-T1' };
    expect((await api('activity.get', autumn)).poles[0]!.support.schoolWeeks).toBe(12);

    // The user confirms Toussaint as one week only (17 – 25 October) and adds a closure on 9 – 13 November.
    const edited = settings.schoolHolidays
      .map((h) => (h.label === 'Toussaint' && h.start === '2026-10-17' ? { ...h, end: '2026-10-25', verified: true } : h))
      .concat({ label: 'Fermeture', start: '2026-11-07', end: '2026-11-15', verified: true });
    await api('settings.update', { ...settings, schoolHolidays: edited });
    expect((await api('settings.get', {})).schoolHolidays).toEqual(edited);
    expect(stored(record).schoolHolidays).toEqual(edited);
    const pial = (await api('activity.get', autumn)).poles[0]!;
    // 14 weeks touched, less the week of 19 October and that of 9 November; Léa's 6 h each.
    expect(pial.support.schoolWeeks).toBe(12);
    expect(pial.support.weeks.map((w) => w.week)).toContain('2026-10-26');
    expect(pial.support.weeks.map((w) => w.week)).not.toContain('2026-11-09');
    expect(pial.support.notifiedMinutes).toBe(12 * 6 * 60);
    // The command line's --zone asks for a zone's national calendar instead.
    expect((await api('activity.get', { ...autumn, zone: 'B' })).poles[0]!.support.weeks.map((w) => w.week)).toContain('2026-11-09');
  });

  it('refuses overlapping periods naming the row, and reads a stored table that no longer passes as the default, said on its field', async () => {
    const record = await openTestRecord();
    const { api } = record;
    const settings = await api('settings.get', {});
    const overlapping = [...settings.schoolHolidays, { label: 'Pont', start: '2026-12-31', end: '2027-01-08', verified: true }];
    await expect(api('settings.update', { ...settings, schoolHolidays: overlapping })).rejects.toMatchObject({
      issues: [{ path: `schoolHolidays.${overlapping.length - 1}`, message: `Période ${overlapping.length} (Pont) chevauche la période 7 (Noël) : une période par jour sans classe.` }],
    });

    await api('settings.update', { ...settings, annualReferenceHours: 1593 });
    // Written by hand: the winter holidays end before they start.
    const broken = settings.schoolHolidays.map((h) => (h.label === 'Hiver' && h.start === '2027-02-20' ? { ...h, end: '2027-02-01' } : h));
    record.connection.sqlite.prepare("update settings set value_json = json_set(value_json, '$.schoolHolidays', json(?), '$.holidayZone', 'D') where key = 'general'")
      .run(JSON.stringify(broken));
    expect(await api('settings.get', {})).toMatchObject({ annualReferenceHours: 1593, holidayZone: 'B', schoolHolidays: settings.schoolHolidays });
    expect((await api('app.info', {})).staleSettings).toEqual([
      { field: 'holidayZone', message: expect.stringMatching(/^Valeur enregistrée « D » refusée \(Zone A, B ou C attendue\.\) : la valeur par défaut « B » s’applique/) },
      { field: 'schoolHolidays', message: expect.stringMatching(/^Valeur enregistrée « 10 périodes de vacances » refusée \(Période 8 \(Hiver\) : le dernier jour sans classe \(01\/02\/2027\) précède le premier \(20\/02\/2027\)\.\) : la valeur par défaut « 10 périodes de vacances » s’applique/) },
    ]);
    // Another field saved: the stored table stays as it was, read as the default until the user edits it.
    await api('settings.update', { ...(await api('settings.get', {})), roadFactor: 1.45 });
    expect(stored(record).schoolHolidays).toEqual(broken);
  });

  it('export activity says which calendar it counted with: Paramètres’ by default, a zone’s national one with --zone', async () => {
    const db = join(tempDir(), 'base.db');
    const record = await openTestRecord(db);
    await seed(record.api);
    const settings = await record.api('settings.get', {});
    await record.api('settings.update', { ...settings, schoolHolidays: [...settings.schoolHolidays, { label: 'Fermeture', start: '2026-11-07', end: '2026-11-15', verified: true }] });
    await record.host.close();
    const cli = (...args: string[]): { weeks: number; calendar: string } => {
      const run = spawnSync(process.execPath, ['electron/cli/main.ts', 'export', 'activity', '--pole', 'PIAL-T1', '--from', '2026-09-01', '--to', '2026-11-30',
        '--out', join(tempDir(), 'rapport.xlsx'), '--json', ...args, '--db', db], { encoding: 'utf8', env: { ...process.env, PLANIF_PASSPHRASE: '' } });
      expect(run.status, run.stderr).toBe(0);
      return JSON.parse(run.stdout) as { weeks: number; calendar: string };
    };
    expect(cli()).toMatchObject({ calendar: 'vacances de Paramètres (zone B)', weeks: 11 });
    expect(cli('--zone', 'A')).toMatchObject({ calendar: 'calendrier national de la zone A (--zone)', weeks: 12 });
  });
});
