// The académie's own survey template, filled for a seeded record: the values per PIAL are the
// app's figures, the template's formatting is still there (re-read with xlsx-populate), and
// LibreOffice opens the filled file (headless conversion), computing the template's formulas.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import XlsxPopulate, { type Workbook } from 'xlsx-populate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Indicators, PoleIndicators } from '../../shared/gaps/indicators.ts';
import type { SurveyMapping } from '../../shared/survey/template.ts';
import { openTestRecord, tempDir, type TestRecord } from '../support/record.ts';

const DATE = '2026-11-23';
const SOFFICE = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';

/** The académie's workbook as its author made it: a merged title, a styled header, widths, a total row summing the pôles. */
async function templateFor(poles: readonly PoleIndicators[]): Promise<Buffer> {
  const book = await XlsxPopulate.fromBlankAsync();
  const sheet = book.sheet(0)!;
  sheet.name('Enquête AESH');
  sheet.cell('A1').value('Enquête académique AESH — à retourner au rectorat').style({ bold: true, fontSize: 14, fill: 'FFF2CC' });
  sheet.range('A1:G1').merged(true);
  sheet.cell('A2').value('Département : Vaucluse');
  const headers = ['PIAL', 'Élèves notifiés', 'dont accompagnés en totalité', 'Sans AESH', 'Heures notifiées', 'ETP AESH', '% en totalité'];
  headers.forEach((header, index) => sheet.cell(4, index + 1).value(header).style({ bold: true, fill: 'DDEBF7' }));
  // By code for the first pôle, by name for the others, and one PIAL of another département.
  const keys = [...poles.map((p, index) => (index === 0 ? p.poleCode! : p.poleName)), 'PIAL Sud-Luberon'];
  keys.forEach((key, index) => {
    sheet.cell(5 + index, 1).value(key);
    sheet.cell(5 + index, 7).style('numberFormat', '0.0%');
  });
  const total = 5 + keys.length;
  sheet.cell(total, 1).value('Total département').style('bold', true);
  sheet.cell(total, 2).formula(`SUM(B5:B${total - 1})`);
  sheet.column('A').width(34);
  sheet.column('B').width(16);
  book.addSheet('Consignes').cell('A1').value('Remplir une ligne par PIAL.');
  return Buffer.from(await book.outputAsync({ type: 'uint8array' }));
}

let record: TestRecord;
let indicators: Indicators;
let template: Buffer;
let filled: Workbook;
let notices: string[];
let filledPath: string;

beforeAll(async () => {
  record = await openTestRecord();
  await record.api('app.seedDemo', { scale: 'medium' });
  indicators = await record.api('indicators.get', { date: DATE });
  template = await templateFor(indicators.poles);
  const view = await record.api('surveys.read', { fileName: 'enquete-academie.xlsx', dataBase64: template.toString('base64') });
  const result = await record.api('surveys.fill', { fileName: 'enquete-academie.xlsx', dataBase64: template.toString('base64'), mapping: view.mapping, date: DATE });
  notices = result.notices;
  filledPath = join(tempDir(), result.fileName);
  writeFileSync(filledPath, Buffer.from(result.dataBase64, 'base64'));
  filled = await XlsxPopulate.fromDataAsync(readFileSync(filledPath));
}, 120_000);

describe('a survey template', () => {
  it('is read with its header row under the title and a figure proposed for each column', async () => {
    const view = await record.api('surveys.read', { fileName: 'enquete-academie.xlsx', dataBase64: template.toString('base64') });
    expect(view.layout.headerLine).toBe(4);
    expect(view.layout.keyColumn.label).toBe('PIAL');
    expect(view.mapping.columns).toEqual({
      'Élèves notifiés': 'notifies', 'dont accompagnés en totalité': 'en-totalite', 'Sans AESH': 'sans-aesh',
      'Heures notifiées': 'heures-notifiees', 'ETP AESH': 'etp', '% en totalité': 'taux-totalite',
    });
    expect(view.layout.rows.filter((r) => r.scope !== null)).toHaveLength(indicators.poles.length + 1);
  });

  it('is filled with the app’s figures, pôle by pôle, and the département on the total row', () => {
    const sheet = filled.sheet('Enquête AESH')!;
    indicators.poles.forEach((pole, index) => {
      const row = (column: number): unknown => sheet.cell(5 + index, column).value();
      expect([row(1), row(2), row(3), row(4), row(6)]).toEqual([index === 0 ? pole.poleCode : pole.poleName, pole.pupils.notified, pole.pupils.full, pole.pupils.none, pole.aesh.etp]);
      expect(row(5)).toBeCloseTo(pole.hours.notifiedMinutes / 60, 2);
      // Under a percentage format, the rate is a fraction.
      expect(row(7)).toBeCloseTo(pole.pupils.full / pole.pupils.notified, 3);
    });
    const unknown = 5 + indicators.poles.length;
    expect(sheet.cell(unknown, 2).value()).toBeUndefined();
    const total = unknown + 1;
    expect(sheet.cell(total, 2).formula()).toBe(`SUM(B5:B${total - 1})`);
    expect(sheet.cell(total, 3).value()).toBe(indicators.total.pupils.full);
    expect(sheet.cell(total, 6).value()).toBe(indicators.total.aesh.etp);
    expect(notices).toEqual([
      `Ligne ${unknown} : « PIAL Sud-Luberon » n’est ni un pôle du dossier, ni le département, ni un degré ; ligne laissée telle quelle.`,
      `Ligne ${total} : les formules du modèle sont conservées (le tableur les recalcule à l’ouverture).`,
    ]);
  });

  it('keeps the template’s formatting: merged title, bold, fills, widths, number formats, other sheets', () => {
    const sheet = filled.sheet('Enquête AESH')!;
    expect(sheet.merged('A1:G1')).toBe(true);
    expect(sheet.cell('A1').style('bold')).toBe(true);
    expect(sheet.cell('A1').style('fontSize')).toBe(14);
    expect(sheet.cell('A1').style('fill')).toMatchObject({ type: 'solid', color: { rgb: 'FFF2CC' } });
    expect(sheet.cell('C4').style('bold')).toBe(true);
    expect(sheet.cell('C4').style('fill')).toMatchObject({ color: { rgb: 'DDEBF7' } });
    expect(sheet.cell('G5').style('numberFormat')).toBe('0.0%');
    expect(sheet.column('A').width()).toBe(34);
    expect(sheet.column('B').width()).toBe(16);
    expect(filled.sheet('Consignes')!.cell('A1').value()).toBe('Remplir une ligne par PIAL.');
  });

  it('opens in LibreOffice, which computes the total row’s formula from the values written', () => {
    if (!existsSync(SOFFICE)) {
      throw new Error(`LibreOffice est introuvable (${SOFFICE}) : installez-le (Debian : apt-get install libreoffice-calc-nogui, comme le fait .ci/run) ou donnez son chemin dans SOFFICE_PATH.`);
    }
    const out = tempDir();
    // A profile of its own: a LibreOffice already running (or another test) does not hold this one.
    // CSV in UTF-8 (76), comma-separated (44), quoted with " (34).
    const converted = spawnSync(SOFFICE, [`-env:UserInstallation=file://${join(out, 'profil')}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', out, filledPath], { encoding: 'utf8', timeout: 120_000 });
    const csvPath = join(out, filledPath.split('/').at(-1)!.replace(/\.xlsx$/, '.csv'));
    expect(existsSync(csvPath), `soffice n’a rien produit : ${converted.stderr}`).toBe(true);
    const lines = readFileSync(csvPath, 'utf8').split('\n').map((l) => l.split(','));
    const totalLine = lines.find((cells) => cells[0] === 'Total département')!;
    const notified = indicators.poles.reduce((n, p) => n + p.pupils.notified, 0);
    expect(Number(totalLine[1])).toBe(notified);
    const first = lines.find((cells) => cells[0] === indicators.poles[0]!.poleCode)!;
    expect(Number(first[1])).toBe(indicators.poles[0]!.pupils.notified);
  });
});

describe('a template with a row per degree', () => {
  it('is filled with the département’s figures of each degree, split by kind of aid as the indicators split them', async () => {
    const book = await XlsxPopulate.fromBlankAsync();
    const sheet = book.sheet(0)!;
    sheet.cell('A1').value('Situation par degré');
    ['Degré', 'Notifiés', 'En totalité (AESH-i)', 'Mutualisée', 'ULIS', 'ETP'].forEach((h, i) => sheet.cell(3, i + 1).value(h));
    ['1er degré', '2nd degré', 'Total'].forEach((key, i) => sheet.cell(4 + i, 1).value(key));
    const data = Buffer.from(await book.outputAsync({ type: 'uint8array' })).toString('base64');
    const view = await record.api('surveys.read', { fileName: 'degres.xlsx', dataBase64: data });
    expect(view.mapping).toEqual({ sheet: 'Sheet1', headerLine: 3, keyColumn: 'Degré', columns: { 'Notifiés': 'notifies', 'En totalité (AESH-i)': 'en-totalite/individuelle', 'ULIS': 'ulis', 'ETP': 'etp' } });
    const mapping = { ...view.mapping, columns: { ...view.mapping.columns, 'Mutualisée': 'notifies/mutualisee' } };
    const result = await record.api('surveys.fill', { fileName: 'degres.xlsx', dataBase64: data, mapping, date: DATE });
    const filledSheet = (await XlsxPopulate.fromDataAsync(Buffer.from(result.dataBase64, 'base64'))).sheet(0)!;
    const row = (line: number): unknown[] => [2, 3, 4, 5, 6].map((column) => filledSheet.cell(line, column).value());
    const { total } = indicators;
    expect(row(4)).toEqual([total.byDegree.first.notified, expect.any(Number), expect.any(Number), expect.any(Number), undefined]);
    expect(row(5)[0]).toBe(total.byDegree.second.notified);
    expect(row(6)).toEqual([total.pupils.notified, total.byCategory.individual.full, total.byCategory.shared.notified, total.byCategory.ulis.notified, total.aesh.etp]);
    // Each degree's part adds up to the département's.
    for (const column of [1, 2, 3]) expect(Number(row(4)[column]) + Number(row(5)[column])).toBe(row(6)[column]);
    expect(result.notices).toEqual(['Colonne « ETP » (F) : « ETP des AESH » n’a pas de valeur pour les lignes 4, 5 (pas de découpage par degré, ou un autre degré) ; cellules laissées telles quelles.']);
  });
});

describe('a saved mapping that does not fit the template', () => {
  const fill = (mapping: SurveyMapping) => record.api('surveys.fill', { fileName: 'enquete-academie.xlsx', dataBase64: template.toString('base64'), mapping, date: DATE });

  it('is refused, naming the column missing and the header row', async () => {
    await expect(fill({ sheet: 'Enquête AESH', headerLine: 4, keyColumn: 'PIAL', columns: { 'Heures placées': 'heures-planifiees' } }))
      .rejects.toThrow('Modèle non rempli : La colonne « Heures placées » de la correspondance n’est pas dans le modèle (ligne 4 de la feuille « Enquête AESH »).');
  });

  it('is refused when it names an unknown figure, naming its column', async () => {
    await expect(fill({ sheet: 'Enquête AESH', headerLine: 4, keyColumn: 'PIAL', columns: { 'ETP AESH': 'etp-aesh' } }))
      .rejects.toMatchObject({ issues: [{ path: 'mapping.columns.ETP AESH', message: 'colonne « ETP AESH » : indicateur « etp-aesh » inconnu.' }] });
  });

  it('is refused on a sheet the template lacks', async () => {
    await expect(fill({ sheet: 'Enquête 2025', headerLine: 4, keyColumn: 'PIAL', columns: {} }))
      .rejects.toThrow('La feuille « Enquête 2025 » n’est pas dans le modèle (feuilles : « Enquête AESH », « Consignes »).');
  });
});

describe('npm run cli -- export survey --template', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, ['electron/cli/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, PLANIF_PASSPHRASE: '' } });

  it('fills the template with the mapping saved, says what it left, and names a mapping’s unknown figure', async () => {
    const dir = tempDir();
    const db = join(dir, 'demo.db');
    expect(cli('demo', '--db', db, '--scale', 'small').status).toBe(0);
    const figures = JSON.parse(cli('indicators', '--db', db, '--date', DATE, '--json').stdout) as Indicators;
    const templatePath = join(dir, 'enquete-academie.xlsx');
    writeFileSync(templatePath, await templateFor(figures.poles));
    const mappingPath = join(dir, 'correspondance.json');
    const mapping: SurveyMapping = { sheet: 'Enquête AESH', headerLine: 4, keyColumn: 'PIAL', columns: { 'Élèves notifiés': 'notifies', 'Sans AESH': 'sans-aesh', 'ETP AESH': 'etp' } };
    writeFileSync(mappingPath, JSON.stringify(mapping));
    const out = join(dir, 'enquete-remplie.xlsx');

    const run = cli('export', 'survey', '--template', templatePath, '--mapping', mappingPath, '--date', DATE, '--out', out, '--db', db);
    expect(run.status).toBe(0);
    // Its pôle and the total row, three columns each, but the total's formula kept.
    expect(run.stdout).toBe(`Modèle « enquete-academie.xlsx » rempli dans ${out} : 5 cellules écrites.\n`);
    expect(run.stderr).toContain('Ligne 6 : « PIAL Sud-Luberon » n’est ni un pôle du dossier, ni le département, ni un degré ; ligne laissée telle quelle.');
    const sheet = (await XlsxPopulate.fromDataAsync(readFileSync(out))).sheet('Enquête AESH')!;
    expect([sheet.cell('B5').value(), sheet.cell('D5').value(), sheet.cell('F5').value()]).toEqual([figures.poles[0]!.pupils.notified, figures.poles[0]!.pupils.none, figures.poles[0]!.aesh.etp]);
    expect(sheet.cell('A1').style('bold')).toBe(true);

    writeFileSync(mappingPath, JSON.stringify({ ...mapping, columns: { 'ETP AESH': 'etp-aesh' } }));
    const wrong = cli('export', 'survey', '--template', templatePath, '--mapping', mappingPath, '--out', join(dir, 'autre.xlsx'), '--db', db);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('mapping.columns.ETP AESH : colonne « ETP AESH » : indicateur « etp-aesh » inconnu.');
    expect(existsSync(join(dir, 'autre.xlsx'))).toBe(false);

    const noMapping = cli('export', 'survey', '--template', templatePath, '--out', join(dir, 'autre.xlsx'), '--db', db);
    expect(noMapping.status).toBe(2);
    expect(noMapping.stderr).toContain('export survey --template attend --mapping CORRESPONDANCE.json');

    // A template given to another export is said, not ignored: no dashboards written in its place.
    const otherKind = cli('export', 'dashboards', '--template', templatePath, '--mapping', mappingPath, '--out', join(dir, 'tableaux.xlsx'), '--db', db);
    expect(otherKind.status).toBe(2);
    expect(otherKind.stderr).toContain('--template ne sert qu’à export survey (le modèle d’enquête de l’académie), pas à export dashboards');
    expect(existsSync(join(dir, 'tableaux.xlsx'))).toBe(false);
  }, 120_000);
});
