// The académie's own survey template in Import / Export, on the medium demo: opened, its header
// row and key column found under the title, a figure proposed per column and one changed, the
// mapping saved, and the template downloaded filled in with its formatting.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import XlsxPopulate from 'xlsx-populate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openMediumDemo, SCREENSHOTS, type AppInChromium, type WorstPole } from '../support/browser.ts';
import { tempDir } from '../support/record.ts';

let opened: AppInChromium | undefined;
let page: Page;
let worst: WorstPole;
const file = join(tempDir(), 'enquete-aesh-academie.xlsx');

beforeAll(async () => {
  ({ opened, worst } = await openMediumDemo('e2e-survey-template'));
  page = opened.page;
  const book = await XlsxPopulate.fromBlankAsync();
  const sheet = book.sheet(0)!;
  sheet.name('Enquête');
  sheet.cell('A1').value('Enquête académique — AESH et élèves notifiés').style({ bold: true, fill: 'FFF2CC' });
  sheet.range('A1:F1').merged(true);
  sheet.cell('A2').value('À retourner au rectorat avant le 15 décembre');
  ['PIAL', 'Élèves notifiés', 'Sans AESH', 'Heures notifiées', 'Moyens', 'Observations'].forEach((h, i) => sheet.cell(4, i + 1).value(h).style('bold', true));
  [worst.name, 'PIAL Sud-Luberon', '1er degré', 'Total'].forEach((key, i) => sheet.cell(5 + i, 1).value(key));
  sheet.column('A').width(30);
  writeFileSync(file, await book.outputAsync({ type: 'uint8array' }));
});
afterAll(async () => {
  await opened?.close();
});

describe('the survey template of the académie', () => {
  it('is mapped column by column, saved, and downloaded filled in', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Import / Export' }).click();
    await page.getByLabel('Modèle d’enquête', { exact: true }).setInputFiles(file);
    const columns = page.getByRole('table', { name: 'Colonnes du modèle' });
    await columns.waitFor();
    expect(await page.getByLabel('Ligne des en-têtes du modèle').inputValue()).toBe('4');
    expect(await page.getByLabel('Colonne des pôles').inputValue()).toBe('PIAL');
    expect(await page.getByLabel('Indicateur de la colonne Sans AESH').inputValue()).toBe('sans-aesh');
    expect(await page.getByLabel('Indicateur de la colonne Observations').inputValue()).toBe('');
    // "Moyens" names no figure: the user chooses the ETP.
    await page.getByLabel('Indicateur de la colonne Moyens').selectOption({ label: 'ETP des AESH' });
    await page.getByText(/3 lignes reconnues, 1 laissée telle quelle/).click();

    const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Enregistrer la correspondance' }).click()]);
    expect(JSON.parse(readFileSync(await saved.path(), 'utf8'))).toEqual({
      sheet: 'Enquête', headerLine: 4, keyColumn: 'PIAL',
      columns: { 'Élèves notifiés': 'notifies', 'Sans AESH': 'sans-aesh', 'Heures notifiées': 'heures-notifiees', 'Moyens': 'etp' },
    });

    const [filled] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger le modèle rempli' }).click()]);
    expect(filled.suggestedFilename()).toMatch(/^enquete-aesh-academie-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheet = (await XlsxPopulate.fromDataAsync(readFileSync(await filled.path()))).sheet('Enquête')!;
    expect(sheet.cell('C5').value()).toBe(worst.none);
    expect(sheet.cell('A1').style('bold')).toBe(true);
    expect(sheet.merged('A1:F1')).toBe(true);
    // The AESH belong to pôles: no ETP on the degree's row, and the page says so.
    expect(sheet.cell('E7').value()).toBeUndefined();
    const notices = page.getByRole('list', { name: 'Remarques sur le modèle rempli' });
    await notices.getByText(/Ligne 6 : « PIAL Sud-Luberon » n’est ni un pôle du dossier/).waitFor();
    await notices.getByText(/Colonne « Moyens » \(E\) : « ETP des AESH » n’a pas de valeur pour la ligne 7/).waitFor();
    const section = page.getByRole('region', { name: 'Modèle d’enquête de l’académie' });
    await section.scrollIntoViewIfNeeded();
    const box = (await section.boundingBox())!;
    await page.screenshot({ path: join(SCREENSHOTS, 'survey-template.png'), clip: { x: 0, y: box.y - 12, width: 1440, height: box.height + 24 } });
  });
});
