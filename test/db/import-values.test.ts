// Files as they come (issue 14): values spelled as MDPH, HR and school files spell them, values
// mapped once by the user, a flat file's line written whole or refused whole, CDAPH decisions
// kept when they conflict (and fixed from their gap in one click), sheets that fit nothing left
// aside, header rows found under title lines.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { makeUai } from '../../shared/domain/uai.ts';
import { openTestRecord, tempDir, type TestRecord } from '../support/record.ts';
import { workbook } from '../support/workbook.ts';

const UAI1 = makeUai('0840001');
const MDPH_HEADERS = ['N° dossier', 'NOM de l\'élève', 'Prénom', 'RNE', 'Type d\'aide', 'Quotité horaire', 'Date de début de droits', 'Date de fin de droits'];

let record: TestRecord;
beforeEach(async () => {
  record = await openTestRecord();
  await record.api('schools.create', { uai: UAI1, name: 'École Jean Moulin', kind: 'elementaire' });
});

const mdph = (...rows: (string | number | null)[][]): string => workbook({ 'Export MDPH': [MDPH_HEADERS, ...rows] });
const summary = (reports: { sheet: string; created: number; updated: number; unchanged: number; refused: unknown[] }[]) =>
  Object.fromEntries(reports.map((r) => [r.sheet, [r.created, r.updated, r.unchanged, r.refused.length]]));

describe('values spelled as the files spell them', () => {
  it('reads the aid types of MDPH exports, the contracts of HR lists and the days of timetables', async () => {
    const spellings = ['AESH individuelle', 'AESH-I', 'aide humaine individuelle', 'AHI', 'AESH mutualisée', 'AHM', 'Aide mutualisée'];
    const file = mdph(...spellings.map((kind, i) => [`D-${i}`, 'Nom', 'Prénom', UAI1, kind, kind.match(/mutualis|AHM/i) ? null : 10, '01/09/2026', '31/08/2027']));
    const result = await record.api('exchange.import', { fileName: 'mdph.xlsx', dataBase64: file });
    expect(summary(result.reports)).toEqual({ 'Élèves': [7, 0, 0, 0], 'Notifications': [7, 0, 0, 0] });
    const kinds = (await record.api('pupils.list', { date: '2026-11-23' })).map((p) => [p.identifier, p.currentKind]);
    expect(kinds).toEqual([['D-0', 'individual'], ['D-1', 'individual'], ['D-2', 'individual'], ['D-3', 'individual'], ['D-4', 'shared'], ['D-5', 'shared'], ['D-6', 'shared']]);

    const hr = workbook({
      AESH: [['Matricule', 'Nom', 'Prénom', 'Contrat', 'Début contrat', 'Fin contrat', 'Heures hebdomadaires'],
        ['A1', 'Durand', 'Sophie', 'contrat à durée déterminée', '01/09/2026', '31/08/2027', 24],
        ['A2', 'Petit', 'Marc', 'Contrat à durée indéterminée', '01/09/2020', null, 30]],
      Créneaux: [['Matricule', 'UAI', 'Jour', 'Début', 'Fin', 'Élèves', 'Nature'],
        ['A1', UAI1, 'Lun.', '08:30', '11:30', 'D-0', ''], ['A1', UAI1, 'LUNDI', '13:30', '16:00', '', 'AESH-co'], ['A2', UAI1, 'Mar', '08:30', '11:30', 'D-1', 'accompagnement']],
    });
    const staff = await record.api('exchange.import', { fileName: 'rh.xlsx', dataBase64: hr });
    expect(summary(staff.reports)).toEqual({ AESH: [2, 0, 0, 0], 'Créneaux': [3, 0, 0, 0] });
    const slots = await record.api('slots.list', {});
    expect(slots.map((s) => [s.weekday, s.nature])).toEqual([[1, 'accompaniment'], [1, 'ulis'], [2, 'accompaniment']]);
  });

  it('lists the values still unknown with their count, and reads them once the user maps them', async () => {
    const file = { fileName: 'mdph.xlsx', dataBase64: mdph(
      ['D-1', 'Bernard', 'Inès', UAI1, 'Aide humaine individualisée', 12, '01/09/2026', '31/08/2027'],
      ['D-2', 'Noël', 'Paul', UAI1, 'Aide humaine individualisée', 6, '01/09/2026', '31/08/2027'],
      ['D-3', 'Roux', 'Zoé', UAI1, 'AESH-co', null, '01/09/2026', '31/08/2027'],
    ) };
    const preview = await record.api('exchange.preview', file);
    expect(preview.unknownValues).toEqual([
      { column: 'Notifications.Type', value: 'Aide humaine individualisée', count: 2, words: ['individuelle', 'mutualisée'], mappedTo: null },
      { column: 'Notifications.Type', value: 'AESH-co', count: 1, words: ['individuelle', 'mutualisée'], mappedTo: null },
    ]);
    const values = { 'Notifications.Type': { 'Aide humaine individualisée': 'individuelle', 'AESH-co': 'mutualisée' } };
    const mapped = await record.api('exchange.preview', { ...file, values });
    expect(mapped.unknownValues.map((u) => [u.value, u.mappedTo])).toEqual([['Aide humaine individualisée', 'individuelle'], ['AESH-co', 'mutualisée']]);
    expect(summary(mapped.reports)).toEqual({ 'Élèves': [3, 0, 0, 0], 'Notifications': [3, 0, 0, 0] });
    // Saved with the columns, and read back from the JSON as the command line gives it.
    expect(mapped.mapping.values).toEqual(values);
    const saved = JSON.parse(JSON.stringify(mapped.mapping)) as typeof mapped.mapping;
    const imported = await record.api('exchange.import', { ...file, mapping: saved });
    expect(summary(imported.reports)).toEqual({ 'Élèves': [3, 0, 0, 0], 'Notifications': [3, 0, 0, 0] });
    expect((await record.api('pupils.list', { date: '2026-11-23' })).map((p) => p.currentKind)).toEqual(['individual', 'individual', 'shared']);
  });

  it('refuses a value mapping that names no closed column or no known value, in French', async () => {
    const file = { fileName: 'mdph.xlsx', dataBase64: mdph(['D-1', 'Bernard', 'Inès', UAI1, 'AHI', 12, '01/09/2026', '31/08/2027']) };
    await expect(record.api('exchange.import', { ...file, mapping: { values: { 'Notifications.Type': { AHX: 'collective' }, 'Élèves.Nom': { a: 'b' } } } }))
      .rejects.toMatchObject({
        kind: 'validation',
        issues: [
          { path: 'mapping.values.Notifications.Type.AHX', message: '« collective » n’est pas une valeur de Notifications.Type (individuelle, mutualisée).' },
          { path: 'mapping.values.Élèves.Nom', message: expect.stringMatching(/^« Élèves\.Nom » n’est pas une colonne à valeurs fixes du classeur \(Pôles\.Type, .*Créneaux\.Nature, Saisines\.Canal, .*Actions\.Type\)\.$/) },
        ],
      });
    expect((await record.api('app.info', {})).counts.pupils).toBe(0);
  });

  it('takes the values of a mapping file on the command line, and names what is wrong in it', () => {
    const dir = tempDir();
    const db = join(dir, 'base.db');
    const file = join(dir, 'mdph.xlsx');
    const mapping = join(dir, 'correspondance.json');
    const cli = (...args: string[]): { status: number | null; stdout: string; stderr: string } =>
      spawnSync(process.execPath, ['electron/cli/main.ts', ...args, '--db', db], { encoding: 'utf8', env: { ...process.env, PLANIF_PASSPHRASE: '' } });
    writeFileSync(file, Buffer.from(workbook({
      'Établissements': [['UAI', 'Nom', 'Type'], [UAI1, 'École Jean Moulin', 'EEPU']],
      'Export MDPH': [MDPH_HEADERS, ['D-1', 'Bernard', 'Inès', UAI1, 'Aide humaine individualisée', 12, '01/09/2026', '31/08/2027']],
    }), 'base64'));
    writeFileSync(mapping, JSON.stringify({ values: { 'Notifications.Type': { 'Aide humaine individualisée': 'individuelle' } } }));
    const done = cli('import', file, '--mapping', mapping, '--json');
    expect(done.stderr).not.toMatch(/\r/);
    expect(JSON.parse(done.stdout)).toMatchObject({ written: true, sheets: { 'Notifications': { created: 1, refused: [] } } });
    writeFileSync(mapping, JSON.stringify({ values: { 'Notifications.Type': { 'Aide humaine individualisée': 'AESH' } } }));
    const wrong = cli('import', file, '--mapping', mapping);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('mapping.values.Notifications.Type.Aide humaine individualisée : « AESH » n’est pas une valeur de Notifications.Type (individuelle, mutualisée).');
  });
});

describe('a line of a flat file', () => {
  it('is written whole or refused whole, with every reason', async () => {
    const file = { fileName: 'mdph.xlsx', dataBase64: mdph(
      ['D-1', 'Bernard', 'Inès', UAI1, 'AHI', 12, '01/09/2026', '31/08/2027'],
      ['D-2', 'Noël', 'Paul', UAI1, 'AHI', 'douze', '01/09/2026', '31/08/2027'],
      ['D-3', '', 'Zoé', UAI1, 'AHX', 6, '01/09/2026', '31/08/2027'],
    ) };
    const result = await record.api('exchange.import', file);
    expect(summary(result.reports)).toEqual({ 'Élèves': [1, 0, 0, 2], 'Notifications': [1, 0, 0, 2] });
    const refused = result.reports.flatMap((r) => r.refused).map(({ sheet, row, column, reason }) => ({ sheet, row, column, reason }));
    expect(refused).toEqual([
      { sheet: 'Élèves', row: 3, column: null, reason: 'refusée avec le reste de la ligne (Notifications, colonne Heures hebdomadaires : Heures « douze » illisibles : par exemple 12, 12,5 ou 12 h 30.)' },
      { sheet: 'Élèves', row: 4, column: 'Nom', reason: 'Obligatoire.' },
      { sheet: 'Notifications', row: 3, column: 'Heures hebdomadaires', reason: 'Heures « douze » illisibles : par exemple 12, 12,5 ou 12 h 30.' },
      { sheet: 'Notifications', row: 4, column: 'Type', reason: '« AHX » inconnu (individuelle, mutualisée)' },
    ]);
    // Nothing of the refused lines was written: the pupil without their notification neither.
    expect((await record.api('pupils.list', {})).map((p) => p.identifier)).toEqual(['D-1']);
    // The refused-rows workbook has one row per line of the file, with each of its reasons.
    const book = XLSX.read(Buffer.from((await record.api('exchange.refused', file)).dataBase64, 'base64'));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['Export MDPH']!, { header: 1 });
    expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual([
      [3, 'Notifications, colonne Heures hebdomadaires : Heures « douze » illisibles : par exemple 12, 12,5 ou 12 h 30.'],
      [4, 'Élèves, colonne Nom : Obligatoire. ; Notifications, colonne Type : « AHX » inconnu (individuelle, mutualisée)'],
    ]);
  });
});

describe('conflicting CDAPH decisions', () => {
  it('are kept by the import and the forms, flagged, and fixed from the gap in one journaled, undoable change', async () => {
    const file = mdph(
      ['D-1', 'Bernard', 'Inès', UAI1, 'AESH mutualisée', null, '01/09/2026', '31/08/2028'],
      ['D-1', 'Bernard', 'Inès', UAI1, 'AESH individuelle', 12, '05/01/2027', '31/08/2028'],
    );
    const result = await record.api('exchange.import', { fileName: 'mdph.xlsx', dataBase64: file });
    expect(summary(result.reports)).toEqual({ 'Élèves': [1, 0, 1, 0], 'Notifications': [2, 0, 0, 0] });
    expect(result.reports[1]!.notices.map((n) => n.row)).toEqual([3]);
    const gaps = (await record.api('gaps.list', { date: '2027-02-01' })).filter((g) => g.code === 'NOTIFICATION_CONFLICT');
    const { id: pupilId, notifications } = await record.api('pupils.get', { id: (await record.api('pupils.list', {}))[0]!.id });
    const individual = notifications.find((n) => n.kind === 'individual')!;
    expect(gaps).toEqual([expect.objectContaining({ pupilId, notificationId: individual.id, message: expect.stringContaining('d’ordinaire la nouvelle (individuelle, du 05/01/2027) remplace la précédente, à clore la veille') })]);

    // The form keeps such a decision too.
    const shared = notifications.find((n) => n.kind === 'shared')!;
    await record.api('notifications.update', { ...shared, weeklyHours: null, activities: 'décision du 12/12/2026' });

    const before = await record.api('pupils.get', { id: pupilId });
    const done = await record.api('notifications.closePrevious', { notificationId: individual.id });
    const after = await record.api('pupils.get', { id: pupilId });
    expect(after.notifications.map((n) => [n.kind, n.startDate, n.endDate])).toEqual([['individual', '2027-01-05', '2028-08-31'], ['shared', '2026-09-01', '2027-01-04']]);
    expect((await record.api('gaps.list', { date: '2027-02-01' })).filter((g) => g.code === 'NOTIFICATION_CONFLICT')).toEqual([]);
    const journal = await record.api('journal.list', { limit: 1 });
    expect(journal[0]).toMatchObject({ changeId: done.changeId, action: 'update', entity: 'notifications' });
    await record.api('journal.undo', { changeId: done.changeId });
    expect((await record.api('pupils.get', { id: pupilId })).notifications.map((n) => n.endDate)).toEqual(before.notifications.map((n) => n.endDate));
  });

  it('still refuse two decisions of one kind over the same period, and a fix with no previous decision', async () => {
    const { id: pupilId } = await record.api('pupils.create', { identifier: 'D-9', lastName: 'Roux', firstName: 'Zoé', schoolId: 1 });
    const first = await record.api('notifications.create', { pupilId, kind: 'individual', weeklyHours: 6, startDate: '2026-09-01', endDate: '2027-08-31' });
    await expect(record.api('notifications.create', { pupilId, kind: 'individual', weeklyHours: 8, startDate: '2027-01-01', endDate: '2027-12-31' }))
      .rejects.toThrow(/Chevauche la notification individuelle du 01\/09\/2026 au 31\/08\/2027 : raccourcissez-la d'abord\./);
    await expect(record.api('notifications.closePrevious', { notificationId: first.id }))
      .rejects.toThrow('Aucune notification de l’autre sorte ne chevauche la notification individuelle du 01/09/2026 : rien à clore.');
  });
});

describe('the sheets of a file', () => {
  it('leaves aside, and reports, the sheets that fit no sheet of the workbook', async () => {
    const file = workbook({
      Liste: [['Réf.', 'Famille', 'Type d\'aide', 'Début'], ['D-1', 'Bernard', 'AHI', '01/09/2026']],
    });
    const preview = await record.api('exchange.preview', { fileName: 'liste.xlsx', dataBase64: file });
    expect(preview.assignments).toEqual([]);
    expect(preview.reports).toEqual([]);
    expect(preview.setAside).toEqual([
      { sheet: 'Liste', reason: 'ne correspond à aucune feuille du classeur d’échange (la plus proche, Notifications, demande aussi Identifiant élève, Fin) : laissée de côté ; choisissez la feuille qu’elle alimente pour l’importer' },
    ]);
  });

  it('finds the header row under title lines and merged headers, skips total rows with a notice, leaves hidden sheets aside', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['Liste des élèves notifiés — rentrée 2026', null, null, null, null],
      ['Extraction du 01/09/2026', null, null, null, null],
      [],
      ['Élève', null, null, 'Scolarisation', null],
      ['Identifiant', 'Nom', 'Prénom', 'UAI', 'ULIS'],
      ['E-1', 'Martin', 'Léa', UAI1, 'non'],
      ['E-2', 'Petit', 'Hugo', null, 'oui'],
      ['TOTAL', 2, null, null, null],
    ]);
    // The title across the columns, the groups over their columns, one UAI for two pupils.
    sheet['!merges'] = [XLSX.utils.decode_range('A1:E1'), XLSX.utils.decode_range('A4:C4'), XLSX.utils.decode_range('D4:E4'), XLSX.utils.decode_range('D6:D7')];
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Élèves');
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Identifiant', 'Nom', 'Prénom', 'UAI'], ['X-1', 'Ancien', 'Élève', UAI1]]), 'Élèves (ancien)');
    book.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 1 }] };
    const dataBase64 = Buffer.from(XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Uint8Array).toString('base64');

    const preview = await record.api('exchange.preview', { fileName: 'liste.xlsx', dataBase64 });
    expect(preview.sheets.map((s) => [s.name, s.headerLine, s.rows, s.hidden])).toEqual([['Élèves', 5, 2, false], ['Élèves (ancien)', 1, 1, true]]);
    expect(preview.setAside).toEqual([{ sheet: 'Élèves (ancien)', reason: 'feuille masquée : laissée de côté' }]);
    expect(summary(preview.reports)).toEqual({ 'Élèves': [2, 0, 0, 0] });
    expect(preview.reports[0]!.notices).toEqual([{ sheet: 'Élèves', source: 'Élèves', row: 8, message: 'ligne de total (« TOTAL ») ignorée' }]);

    // The header row can be chosen: under line 4 ("Élève", "Scolarisation"), nothing fits.
    const chosen = await record.api('exchange.preview', { fileName: 'liste.xlsx', dataBase64, headerRows: { 'Élèves': 4 } });
    expect(chosen.sheets[0]).toMatchObject({ headerLine: 4, headers: ['Élève', 'Élève (2)', 'Élève (3)', 'Scolarisation', 'Scolarisation (2)'] });

    await record.api('exchange.import', { fileName: 'liste.xlsx', dataBase64 });
    expect((await record.api('pupils.list', {})).map((p) => [p.identifier, p.schoolUai, p.ulis])).toEqual([['E-1', UAI1, false], ['E-2', UAI1, true]]);
  });
});
