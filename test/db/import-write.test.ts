// The import writes through the services' one write path: one change of the journal, in the
// services' row format, so that the app undoes and redoes it; it plans again when the record
// changed under it; and it accepts exactly what the forms accept (one schema), so that the record
// export of anything typed in the forms comes back whole.
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiCall, ApiHandlers, ApiInput, ApiOutput, MethodName } from '../../shared/api/contract.ts';
import { dispatch, unwrap } from '../../shared/api/dispatch.ts';
import { makeUai } from '../../shared/domain/uai.ts';
import { openRecord, type RecordConnection } from '../../db/connection.ts';
import { createServices } from '../../electron/services/index.ts';
import { FIXED_NOW, openTestRecord, seedBasics } from '../support/record.ts';
import { csv, workbook } from '../support/workbook.ts';

const UAI1 = makeUai('0840001');
const UAI2 = makeUai('0840002');
const TABLES = ['poles', 'schools', 'pupils', 'notifications', 'aesh', 'contracts', 'absences', 'slots', 'slot_pupils'];

/**
 * Every row of the record but the journal, as SQLite holds it; without the rows' versions, which
 * every update moves on, undo's too (a form loaded before the undo must be reloaded).
 */
function dump(connection: RecordConnection): Record<string, unknown[]> {
  const rows = (table: string): unknown[] => (connection.sqlite.prepare(`select * from ${table} order by rowid`).all() as Record<string, unknown>[])
    .map(({ version: _version, ...row }) => row);
  return Object.fromEntries(TABLES.map((table) => [table, rows(table)]));
}

const opened: RecordConnection[] = [];
afterEach(async () => {
  for (const connection of opened.splice(0)) await connection.close();
});

/** A record in memory served by the real services, with the backup before an import given by the test. */
async function recordWithBackup(beforeImport: (api: ApiCall) => Promise<void>): Promise<{ api: ApiCall; connection: RecordConnection }> {
  const connection = await openRecord(':memory:');
  opened.push(connection);
  const api = async <M extends MethodName>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> =>
    // Only the record's methods are called here, never the host's own (record.*, backups.*).
    unwrap(await dispatch(handlers as ApiHandlers, method, input)) as ApiOutput<M>;
  const handlers = createServices(connection, { actor: 'test', now: () => FIXED_NOW, safeguard: { beforeImport: () => beforeImport(api), afterWrite: () => Promise.resolve() } });
  return { api, connection };
}

/** A file that updates what seedBasics wrote and adds a school, pupils, notifications, an AESH, absences and slots. */
function rentree(): string {
  return workbook({
    'Pôles': [['Code', 'Nom', 'Type'], ['PIAL-T1', 'PIAL de test, renommé', 'PIAL 1D'], ['PIAL-T2', 'PIAL du Luberon', 'PAS']],
    'Établissements': [['UAI', 'Nom', 'Type', 'Commune', 'Pôle'], [UAI2, 'Collège Giono', 'collège', 'Manosque', 'PIAL-T2']],
    'Élèves': [
      ['Identifiant', 'Nom', 'Prénom', 'UAI', 'Niveau'],
      ['2025-0001', 'Martin', 'Léa', makeUai('0840001'), 'CE2'],
      ['2025-0002', 'Øster 🌻', 'Zoé', UAI2, '6e'],
    ],
    'Notifications': [
      ['Identifiant élève', 'Type', 'Heures hebdomadaires', 'Début', 'Fin'],
      ['2025-0001', 'individuelle', '12', '01/09/2026', '31/08/2028'],
      ['2025-0002', 'mutualisée', null, '01/09/2026', '31/08/2027'],
    ],
    'AESH': [
      ['Matricule', 'Nom', 'Prénom', 'Pôle', 'Contrat', 'Début contrat', 'Fin contrat', 'Heures hebdomadaires', 'Compétences'],
      ['A001', 'Durand', 'Sophie', 'PIAL-T1', 'CDI', '01/09/2024', null, '24', 'LSF, TSA, braille'],
      ['A002', 'Nguyen', 'Paul', 'PIAL-T2', 'CDD', '01/09/2026', '31/08/2027', '20', null],
    ],
    'Absences': [['Matricule', 'Début', 'Fin', 'Motif'], ['A002', '16/11/2026', '20/11/2026', 'formation']],
    'Créneaux': [
      ['Matricule', 'UAI', 'Jour', 'Début', 'Fin', 'Élèves'],
      ['A001', UAI1, 'lundi', '08:30', '11:30', '2025-0001'],
      ['A002', UAI2, 'mardi', '09:00', '12:00', '2025-0002'],
    ],
  });
}

describe('an import is one change of the journal, undone and redone from the app', () => {
  it('undoes the whole import back to the record as it was, and redoes it', async () => {
    const record = await openTestRecord();
    await seedBasics(record.api);
    const before = dump(record.connection);
    const result = await record.api('exchange.import', { fileName: 'rentree.xlsx', dataBase64: rentree() });
    expect(result.reports.flatMap((r) => r.refused)).toEqual([]);
    const after = dump(record.connection);
    expect(after).not.toEqual(before);
    const journal = await record.api('journal.list', { limit: 100 });
    const changes = new Set(journal.filter((line) => (line.after as { source?: string } | null)?.source === 'rentree.xlsx').map((line) => line.changeId));
    expect(changes.size).toBe(1);
    const [imported] = changes;

    // Undoing writes the inverse of each line, in the services' own format (no "modifié depuis").
    const undone = await record.api('journal.undo', { changeId: imported! });
    expect(dump(record.connection)).toEqual(before);
    await record.api('journal.undo', { changeId: undone.changeId });
    expect(dump(record.connection)).toEqual(after);
  });

  it('refuses to undo an import over a row changed since, and changes nothing', async () => {
    const record = await openTestRecord();
    await seedBasics(record.api);
    await record.api('exchange.import', { fileName: 'rentree.xlsx', dataBase64: rentree() });
    const [line] = await record.api('journal.list', { limit: 1 });
    const { id } = (await record.api('pupils.list', {})).find((p) => p.identifier === '2025-0002')!;
    const { notifications: _notifications, ...zoe } = await record.api('pupils.get', { id });
    await record.api('pupils.update', { ...zoe, lastName: 'Oster' });
    const changed = dump(record.connection);
    await expect(record.api('journal.undo', { changeId: line!.changeId! })).rejects.toThrow('Annulation impossible : cet enregistrement a été modifié depuis.');
    expect(dump(record.connection)).toEqual(changed);
  });
});

describe('a write during the backup before an import', () => {
  it('is taken into account: the import plans again in its transaction instead of failing on a duplicate', async () => {
    const file = workbook({ 'Élèves': [['Identifiant', 'Nom', 'Prénom', 'UAI'], ['2025-0009', 'Blanc', 'Rose', UAI1], ['2025-0010', 'Noir', 'Lou', UAI1]] });
    const { api, connection } = await recordWithBackup(async (inner) => {
      // Another window creates one of the file's pupils while the backup is being written.
      const school = (await inner('schools.list', {}))[0]!;
      await inner('pupils.create', { identifier: '2025-0009', lastName: 'Blanc', firstName: 'Rosa', schoolId: school.id });
    });
    await api('schools.create', { uai: UAI1, name: 'École Jean Moulin', kind: 'elementaire' });
    const preview = await api('exchange.preview', { fileName: 'eleves.xlsx', dataBase64: file });
    expect(preview.reports).toMatchObject([{ sheet: 'Élèves', created: 2, updated: 0 }]);

    const result = await api('exchange.import', { fileName: 'eleves.xlsx', dataBase64: file });
    expect(result.written).toBe(true);
    expect(result.reports).toMatchObject([{ sheet: 'Élèves', created: 1, updated: 1, refused: [] }]);
    const pupils = connection.sqlite.prepare('select identifier, first_name from pupils order by identifier').all();
    expect(pupils).toEqual([{ identifier: '2025-0009', first_name: 'Rose' }, { identifier: '2025-0010', first_name: 'Lou' }]);
  });

  it('in strict mode, writes nothing when the record changed so that a row is now refused', async () => {
    const file = workbook({
      'Élèves': [['Identifiant', 'Nom', 'Prénom', 'UAI'], ['2025-0009', 'Blanc', 'Rose', UAI1]],
      'Notifications': [['Identifiant élève', 'Type', 'Heures hebdomadaires', 'Début', 'Fin'], ['2025-0009', 'individuelle', 12, '01/09/2026', '31/08/2027']],
    });
    const { api, connection } = await recordWithBackup(async (inner) => {
      const school = (await inner('schools.list', {}))[0]!;
      const pupil = await inner('pupils.create', { identifier: '2025-0009', lastName: 'Blanc', firstName: 'Rose', schoolId: school.id });
      await inner('notifications.create', { pupilId: pupil.id, kind: 'individual', weeklyHours: 6, startDate: '01/01/2027', endDate: '31/12/2027' });
    });
    await api('schools.create', { uai: UAI1, name: 'École Jean Moulin', kind: 'elementaire' });
    const before = { pupils: 1, notifications: 1 };
    const result = await api('exchange.import', { fileName: 'eleves.xlsx', dataBase64: file, strict: true });
    expect(result.written).toBe(false);
    expect(result.reports.flatMap((r) => r.refused).map((r) => [r.sheet, r.column, r.reason])).toEqual([
      ['Notifications', 'Début', expect.stringContaining('Chevauche la notification individuelle du 01/01/2027')],
    ]);
    const count = (table: string): number => (connection.sqlite.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
    expect({ pupils: count('pupils'), notifications: count('notifications') }).toEqual(before);
  });
});

describe('the forms and the importer accept the same values', () => {
  // French numbers are grouped with a narrow no-break space.
  const TOO_LONG = 'Texte trop long : 2\u202f000 caractères au plus.';

  it('limits every text field: a 40 000-character skill list is refused by the API and by the import, naming the field', async () => {
    const record = await openTestRecord();
    const { poleId } = await seedBasics(record.api);
    const skills = 'braille '.repeat(5_000);
    await expect(record.api('aesh.create', { matricule: 'A900', lastName: 'Long', firstName: 'Texte', poleId, skills }))
      .rejects.toMatchObject({ kind: 'validation', issues: [{ path: 'skills', message: TOO_LONG }] });
    await expect(record.api('pupils.create', { identifier: 'P-900', lastName: 'x'.repeat(101), firstName: 'Léa', schoolId: 1 }))
      .rejects.toMatchObject({ issues: [{ path: 'lastName', message: 'Texte trop long : 100 caractères au plus.' }] });

    // Excel's cells hold 32 767 characters at most; a CSV has no such limit.
    const aeshFile = csv([['Matricule', 'Nom', 'Prénom', 'Heures hebdomadaires', 'Compétences'], ['A900', 'Long', 'Texte', 24, skills]]);
    const pupilFile = workbook({ 'Élèves': [['Identifiant', 'Nom', 'Prénom', 'UAI'], ['P-900', 'x'.repeat(101), 'Léa', UAI1]] });
    const refusals = async (fileName: string, dataBase64: string): Promise<unknown[]> =>
      (await record.api('exchange.import', { fileName, dataBase64 })).reports.flatMap((r) => r.refused).map(({ sheet, column, reason }) => [sheet, column, reason]);
    expect(await refusals('AESH.csv', aeshFile)).toEqual([['AESH', 'Compétences', TOO_LONG]]);
    expect(await refusals('eleves.xlsx', pupilFile)).toEqual([['Élèves', 'Nom', 'Texte trop long : 100 caractères au plus.']]);
    // Nothing longer than a cell holds got in: the record still exports.
    await expect(record.api('exchange.export', { kind: 'record' })).resolves.toMatchObject({ fileName: expect.stringMatching(/\.xlsx$/) });
  });

  it('counts characters as a person does (an emoji is one), in the forms and the import alike', async () => {
    const record = await openTestRecord();
    const { poleId } = await seedBasics(record.api);
    const name = '🌻'.repeat(100);
    const created = await record.api('aesh.create', { matricule: 'A901', lastName: name, firstName: 'Émile', poleId });
    expect(created.lastName).toBe(name);
    await expect(record.api('aesh.create', { matricule: 'A902', lastName: `${name}🌻`, firstName: 'Émile', poleId }))
      .rejects.toMatchObject({ issues: [{ path: 'lastName', message: 'Texte trop long : 100 caractères au plus.' }] });
  });

  it('applies the forms\' rules with their messages: five years for a notification, three for a CDD', async () => {
    const record = await openTestRecord();
    await seedBasics(record.api);
    const file = workbook({
      'Notifications': [
        ['Identifiant élève', 'Type', 'Heures hebdomadaires', 'Début', 'Fin'],
        ['2025-0001', 'mutualisée', null, '01/09/2025', '01/09/2030'],
        ['2025-0001', 'individuelle', 12, '02/09/2030', '03/09/2035'],
      ],
      'AESH': [
        ['Matricule', 'Nom', 'Prénom', 'Contrat', 'Début contrat', 'Fin contrat', 'Heures hebdomadaires'],
        ['A903', 'Roux', 'Ana', 'CDD', '01/09/2025', '31/08/2028', 24],
        ['A904', 'Roux', 'Éva', 'CDD', '01/09/2025', '02/09/2028', 24],
      ],
    });
    const result = await record.api('exchange.import', { fileName: 'regles.xlsx', dataBase64: file });
    expect(result.reports.flatMap((r) => r.refused).map(({ sheet, row, column, reason }) => [sheet, row, column, reason])).toEqual([
      ['Notifications', 3, 'Fin', 'Une notification dure au plus 5 ans.'],
      ['AESH', 3, 'Fin contrat', 'Un CDD d’AESH dure au plus 3 ans.'],
    ]);
    // A row refused for its contract leaves its AESH out as well.
    expect((await record.api('aesh.list', {})).map((a) => a.matricule)).toEqual(['A001', 'A903']);
    await expect(record.api('notifications.create', { pupilId: 1, kind: 'individual', weeklyHours: 12, startDate: '02/09/2030', endDate: '03/09/2035' }))
      .rejects.toMatchObject({ issues: [{ path: 'endDate', message: 'Une notification dure au plus 5 ans.' }] });
  });

  it('refuses a birth date in the future by the form\'s rule, on the services\' day', async () => {
    const record = await openTestRecord();
    await seedBasics(record.api);
    const school = (await record.api('schools.list', {}))[0]!;
    const file = workbook({
      'Élèves': [
        ['Identifiant', 'Nom', 'Prénom', 'Date de naissance', 'UAI'],
        ['2026-0100', 'Brun', 'Liam', '14/03/2030', school.uai],
        ['2026-0101', 'Brun', 'Zoé', '14/03/2017', school.uai],
      ],
    });
    const result = await record.api('exchange.import', { fileName: 'naissances.xlsx', dataBase64: file });
    expect(result.reports.flatMap((r) => r.refused).map(({ sheet, row, column, reason }) => [sheet, row, column, reason])).toEqual([
      ['Élèves', 2, 'Date de naissance', 'Date de naissance dans le futur : le 14/03/2030 est après aujourd’hui (23/11/2026).'],
    ]);
    expect((await record.api('pupils.list', {})).map((p) => p.identifier)).toContain('2026-0101');
    expect((await record.api('pupils.list', {})).map((p) => p.identifier)).not.toContain('2026-0100');
  });

  it('gives back whole, through the record export, what the forms accept: names in emoji, 618 characters of skills, 8 slots', async () => {
    const source = await openTestRecord();
    const { poleId, schoolId } = await seedBasics(source.api);
    const skills = [...Array.from({ length: 41 }, (_, i) => `compétence ${String(i).padStart(2, '0')}`), 'LSF'].join(', ');
    expect(skills).toHaveLength(618);
    const aesh = await source.api('aesh.create', {
      matricule: 'A950', lastName: '🌈'.repeat(90), firstName: 'Zoë-Ñúñez', homeCommune: 'L’Isle-sur-la-Sorgue', poleId, skills,
    });
    await source.api('contracts.create', { aeshId: aesh.id, kind: 'CDI', startDate: '01/09/2024', weeklyHours: 24 });
    const pupil = await source.api('pupils.create', { identifier: 'É-2025-✓', lastName: 'Øster-Lefèvre 🐢', firstName: 'Anaïs ☀', schoolId, className: 'CE1 « b »' });
    await source.api('notifications.create', { pupilId: pupil.id, kind: 'individual', weeklyHours: '15 h 30', startDate: '01/09/2026', endDate: '31/08/2028', activities: '=SOMME(A1) — gestes, 🧩 autonomie' });
    for (const [weekday, start] of [[1, 8], [1, 13], [2, 8], [2, 13], [4, 8], [4, 13], [5, 8], [5, 13]] as const) {
      await source.api('slots.create', { aeshId: aesh.id, schoolId, weekday, startMinute: start * 60 + 30, endMinute: start * 60 + 150, pupilIds: [pupil.id] });
    }
    const exported = await source.api('exchange.export', { kind: 'record' });

    const copy = await openTestRecord();
    const result = await copy.api('exchange.import', { fileName: 'base.xlsx', dataBase64: exported.dataBase64, strict: true });
    expect(result.reports.flatMap((r) => r.refused)).toEqual([]);
    expect(result.written).toBe(true);
    const strip = <T extends { id: number; version: number }>(rows: T[]): Omit<T, 'id' | 'version'>[] => rows.map(({ id: _id, version: _version, ...row }) => row);
    expect(strip(await copy.api('aesh.list', { date: '2026-11-23' }))).toEqual(strip(await source.api('aesh.list', { date: '2026-11-23' })));
    expect(strip(await copy.api('pupils.list', { date: '2026-11-23' }))).toEqual(strip(await source.api('pupils.list', { date: '2026-11-23' })));
    expect((await copy.api('slots.list', {})).map((s) => [s.weekday, s.startMinute, s.endMinute, s.pupilIds.length])).toEqual(
      (await source.api('slots.list', {})).map((s) => [s.weekday, s.startMinute, s.endMinute, s.pupilIds.length]));
    expect((await copy.api('exchange.export', { kind: 'record' })).dataBase64.length).toBeGreaterThan(0);
    const again = await copy.api('exchange.import', { fileName: 'base.xlsx', dataBase64: exported.dataBase64 });
    expect(again.reports.every((r) => r.created === 0 && r.updated === 0)).toBe(true);
  });
});
