import { beforeEach, describe, expect, it } from 'vitest';
import { makeUai, uaiCheckLetter } from '../../shared/domain/uai.ts';
import { openTestRecord, type TestRecord } from '../support/record.ts';
import { csv, readBack, workbook } from '../support/workbook.ts';

const UAI1 = makeUai('0840001');
const UAI2 = makeUai('0840002');
const BAD_UAI = `0840003${uaiCheckLetter('0840003') === 'A' ? 'B' : 'A'}`;

let record: TestRecord;
beforeEach(async () => {
  record = await openTestRecord();
});

/** A workbook a coordinator might send: each sheet with one good row and one or more bad ones. */
function messyWorkbook(): string {
  return workbook({
    'Pôles': [['CODE', 'Nom', 'Type'], ['PIAL-1', 'PIAL Apt', 'PIAL 1D'], ['PIAL-2', 'PIAL Sault', 'PIAL 3D']],
    'Etablissements': [
      ['U.A.I', 'nom ', 'Type', 'Commune', 'Pôle', 'Colonne inutile'],
      [UAI1, 'École Jean Moulin', 'école élémentaire', 'Apt', 'PIAL-1', 'x'],
      [UAI2, 'Collège Giono', 'collège', 'Apt', 'PIAL-9', 'y'],
      [BAD_UAI, 'École fantôme', 'école primaire', 'Apt', 'PIAL-1', 'z'],
    ],
    'Élèves': [
      ['Identifiant', 'Nom', 'Prénom', 'Date de naissance', 'UAI', 'Niveau', 'ULIS'],
      ['2024-0001', 'Martin', 'Léa', new Date('2017-03-14T00:00:00Z'), UAI1, 'CE1', 'non'],
      ['2024-0002', 'Petit', 'Hugo', '05/06/2018', UAI1, 'CP', 'x'],
      ['2024-0003', 'Roux', 'Zoé', '31/02/2017', UAI1, 'CM1', ''],
      ['2024-0004', 'Faure', 'Inès', null, UAI2, '6e', null],
      [null, null, null, null, null, null, null],
    ],
    'Notifications': [
      ['Identifiant élève', 'Type', 'Heures hebdomadaires', 'Début', 'Fin'],
      ['2024-0001', 'individuelle', '12 h 30', new Date('2026-09-01T00:00:00Z'), '31/08/2028'],
      ['2024-0002', 'mutualisée', null, '2026-09-01', '2028-08-31'],
      ['2024-0001', 'mutualisée', null, '01/01/2027', '31/12/2027'],
      ['2024-0002', 'individuelle', 'douze', '01/09/2024', '31/08/2025'],
      ['2024-0012', 'individuelle', 12, '01/09/2026', '31/08/2027'],
      ['2024-0001', 'individuelle', 6, '01/09/2029', '31/08/2029'],
    ],
  });
}

const summary = (reports: { sheet: string; created: number; updated: number; unchanged: number; refused: unknown[] }[]) =>
  Object.fromEntries(reports.map((r) => [r.sheet, [r.created, r.updated, r.unchanged, r.refused.length]]));

describe('importing a workbook', () => {
  it('previews without writing: what would be created, and each refused row with its reason', async () => {
    const preview = await record.api('exchange.preview', { fileName: 'rentree.xlsx', dataBase64: messyWorkbook() });
    expect(summary(preview.reports)).toEqual({
      'Pôles': [1, 0, 0, 1], 'Établissements': [1, 0, 0, 2], 'Élèves': [2, 0, 0, 2], 'Notifications': [3, 0, 0, 3],
    });
    const refused = preview.reports.flatMap((r) => r.refused).map(({ sheet, row, column, reason }) => ({ sheet, row, column, reason }));
    expect(refused).toEqual([
      { sheet: 'Pôles', row: 3, column: 'Type', reason: '« PIAL 3D » inconnu (PIAL 1D, PIAL 2D, PIAL inter-degré, PAS)' },
      { sheet: 'Établissements', row: 3, column: 'Pôle', reason: 'Pôle PIAL-9 inconnu' },
      { sheet: 'Établissements', row: 4, column: 'UAI', reason: `lettre de contrôle invalide, attendu ${uaiCheckLetter('0840003')}` },
      { sheet: 'Élèves', row: 4, column: 'Date de naissance', reason: 'date « 31/02/2017 » illisible (jj/mm/aaaa attendu)' },
      { sheet: 'Élèves', row: 5, column: 'UAI', reason: `Établissement ${UAI2} refusé (ligne 3 de la feuille Etablissements)` },
      { sheet: 'Notifications', row: 5, column: 'Heures hebdomadaires', reason: 'Heures « douze » illisibles : par exemple 12, 12,5 ou 12 h 30.' },
      { sheet: 'Notifications', row: 6, column: 'Identifiant élève', reason: 'Élève 2024-0012 inconnu' },
      { sheet: 'Notifications', row: 7, column: 'Fin', reason: 'La fin est avant le début.' },
    ]);
    // A CDAPH decision of the other kind over the same period is kept, and said to be checked.
    expect(preview.reports.find((r) => r.sheet === 'Notifications')!.notices).toEqual([{
      sheet: 'Notifications', source: 'Notifications', row: 4,
      message: expect.stringMatching(/^Chevauche la notification individuelle du 01\/09\/2026 au 31\/08\/2028 .* Gardée telle que décidée : à vérifier \(alerte « Notifications incompatibles »\)\.$/),
    }]);
    expect(preview.ignoredColumns).toEqual([{ sheet: 'Etablissements', header: 'Colonne inutile' }]);
    expect((await record.api('app.info', {})).counts.pupils).toBe(0);
  });

  it('writes exactly the valid rows, in one go, and a second import changes nothing', async () => {
    const file = { fileName: 'rentree.xlsx', dataBase64: messyWorkbook() };
    const result = await record.api('exchange.import', file);
    expect(result.written).toBe(true);
    const pupils = await record.api('pupils.list', { date: '2026-11-23' });
    expect(pupils.map((p) => [p.identifier, p.birthDate, p.ulis, p.currentKind, p.currentWeeklyMinutes])).toEqual([
      ['2024-0001', '2017-03-14', false, 'individual', 750],
      ['2024-0002', '2018-06-05', true, 'shared', null],
    ]);
    expect((await record.api('schools.list', {})).map((s) => [s.uai, s.poleCode, s.week])).toEqual([[UAI1, 'PIAL-1', '4j']]);
    const again = await record.api('exchange.import', file);
    expect(summary(again.reports)).toEqual({ 'Pôles': [0, 0, 1, 1], 'Établissements': [0, 0, 1, 2], 'Élèves': [0, 0, 2, 2], 'Notifications': [0, 0, 3, 3] });
    expect((await record.api('app.info', {})).counts).toMatchObject({ poles: 1, schools: 1, pupils: 2, notifications: 3 });
  });

  it('journals every row it writes, naming the file', async () => {
    await record.api('exchange.import', { fileName: 'rentree.xlsx', dataBase64: messyWorkbook() });
    const journal = await record.api('journal.list', { limit: 100 });
    expect(journal).toHaveLength(7);
    expect(journal.every((e) => e.action === 'create' && (e.after as { source: string }).source === 'rentree.xlsx')).toBe(true);
  });

  it('writes nothing in strict mode when a row is refused, nor on a dry run', async () => {
    const strict = await record.api('exchange.import', { fileName: 'rentree.xlsx', dataBase64: messyWorkbook(), strict: true });
    expect(strict.written).toBe(false);
    const dry = await record.api('exchange.import', { fileName: 'rentree.xlsx', dataBase64: messyWorkbook(), dryRun: true });
    expect(dry.written).toBe(false);
    expect((await record.api('app.info', {})).counts).toMatchObject({ poles: 0, schools: 0, pupils: 0, journal: 0 });
  });

  it('updates what changed, and keeps the columns the file does not have', async () => {
    await record.api('exchange.import', { fileName: 'rentree.xlsx', dataBase64: messyWorkbook() });
    const update = workbook({ 'Élèves': [['Identifiant', 'Nom', 'Prénom', 'UAI'], ['2024-0001', 'Martin-Roux', 'Léa', UAI1], ['2024-0002', 'Petit', 'Hugo', UAI1]] });
    const result = await record.api('exchange.import', { fileName: 'maj.xlsx', dataBase64: update });
    expect(summary(result.reports)).toEqual({ 'Élèves': [0, 1, 1, 0] });
    const [lea] = await record.api('pupils.list', {});
    expect(lea).toMatchObject({ lastName: 'Martin-Roux', birthDate: '2017-03-14', level: 'CE1' });
  });

  it('gives back the refused rows as a workbook: the original row and the reason', async () => {
    const refused = await record.api('exchange.refused', { fileName: 'rentree.xlsx', dataBase64: messyWorkbook() });
    expect(refused.rows).toBe(8);
    expect(refused.fileName).toBe('refus-rentree.xlsx');
    const sheets = readBack(refused.dataBase64);
    expect(sheets['Notifications']![0]).toEqual(['Ligne', 'Motif du refus', 'Identifiant élève', 'Type', 'Heures hebdomadaires', 'Début', 'Fin']);
    expect(sheets['Notifications']![1]).toEqual([5, 'Notifications, colonne Heures hebdomadaires : Heures « douze » illisibles : par exemple 12, 12,5 ou 12 h 30.', '2024-0002', 'individuelle', 'douze', '01/09/2024', '31/08/2025']);
    expect(sheets['Etablissements']!.slice(1).map((r) => r[0])).toEqual([3, 4]);
  });
});

describe('files from the MDPH and other formats', () => {
  const mdph = [
    ['N° dossier', 'NOM de l\'élève', 'Prénom', 'RNE', 'Type d\'aide', 'Quotité horaire', 'Date de début de droits', 'Date de fin de droits'],
    ['D-101', 'Bernard', 'Inès', UAI1, 'Aide individuelle', '15', '01/09/2026', '31/08/2029'],
    ['D-101', 'Bernard', 'Inès', UAI1, 'Aide individuelle', '15', '01/09/2026', '31/08/2029'],
    ['D-102', 'Noël', 'Paul', UAI1, 'AESH-m', '', '01/10/2026', '30/09/2028'],
    ['D-102', 'Noël', 'Paul', UAI1, 'AESH-i', '6', '01/10/2028', '30/09/2029'],
  ];
  const withSchool = async (): Promise<void> => {
    await record.api('schools.create', { uai: UAI1, name: 'École Jean Moulin', kind: 'elementaire' });
  };

  it('imports a flat CSV into pupils and notifications, merging repeated rows, resolving the school in the record', async () => {
    await withSchool();
    const result = await record.api('exchange.import', { fileName: 'export_mdph.csv', dataBase64: csv(mdph) });
    expect(summary(result.reports)).toEqual({ 'Élèves': [2, 0, 2, 0], 'Notifications': [3, 0, 1, 0] });
    const pupils = await record.api('pupils.list', { date: '2026-11-23' });
    expect(pupils.map((p) => [p.identifier, p.lastName, p.currentKind, p.currentWeeklyMinutes])).toEqual([
      ['D-101', 'Bernard', 'individual', 900],
      ['D-102', 'Noël', 'shared', null],
    ]);
  });

  it('reads the same file saved as .ods, with accents intact', async () => {
    await withSchool();
    const result = await record.api('exchange.import', { fileName: 'export.ods', dataBase64: workbook({ 'Export MDPH': mdph }, 'ods') });
    expect(summary(result.reports)).toEqual({ 'Élèves': [2, 0, 2, 0], 'Notifications': [3, 0, 1, 0] });
    expect((await record.api('pupils.list', {})).map((p) => p.lastName)).toEqual(['Bernard', 'Noël']);
  });

  it('accepts a mapping corrected in the preview, and the same mapping saved as JSON', async () => {
    await withSchool();
    const file = { fileName: 'liste.xlsx', dataBase64: workbook({ Liste: [['Réf.', 'Famille', 'Prénom', 'Établissement'], ['D-7', 'Blanc', 'Rose', UAI1]] }) };
    const preview = await record.api('exchange.preview', file);
    // Without an identifier, the sheet fits no sheet of the workbook: left aside, and said so.
    expect(preview.assignments).toEqual([]);
    expect(preview.setAside).toEqual([{ sheet: 'Liste', reason: expect.stringContaining('ne correspond à aucune feuille du classeur d’échange (la plus proche, Élèves, demande aussi Identifiant') }]);
    const corrected = [{ target: 'pupils' as const, source: 'Liste', columns: { identifier: 'Réf.', lastName: 'Famille', firstName: 'Prénom', uai: 'Établissement' } }];
    const checked = await record.api('exchange.preview', { ...file, assignments: corrected });
    expect(summary(checked.reports)).toEqual({ 'Élèves': [1, 0, 0, 0] });
    expect(checked.mapping).toEqual({ 'Élèves': { Identifiant: 'Réf.', Nom: 'Famille', 'Prénom': 'Prénom', UAI: 'Établissement' } });
    const saved = await record.api('exchange.import', { ...file, mapping: checked.mapping });
    expect(summary(saved.reports)).toEqual({ 'Élèves': [1, 0, 0, 0] });
  });

  it('refuses a file that is not a spreadsheet, or too big, before reading it', async () => {
    await expect(record.api('exchange.preview', { fileName: 'notes.docx', dataBase64: 'AAAA' })).rejects.toThrow('« notes.docx » : format non pris en charge (xlsx, xls, ods ou csv attendu).');
    await expect(record.api('exchange.preview', { fileName: 'cassé.xlsx', dataBase64: Buffer.from('PK\u0003\u0004 pas un zip').toString('base64') })).rejects.toThrow(/« cassé\.xlsx » illisible/);
  });
});
