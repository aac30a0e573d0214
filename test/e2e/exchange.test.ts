import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeUai } from '../../shared/domain/uai.ts';
import { openAppInChromium, SCREENSHOTS, type AppInChromium } from '../support/browser.ts';
import { tempDir } from '../support/record.ts';
import { workbook } from '../support/workbook.ts';

let opened: AppInChromium | undefined;
let page: Page;
const UAI = makeUai('0840500');
const file = join(tempDir(), 'export_mdph.xlsx');

beforeAll(async () => {
  // An MDPH list whose file-number column ("Réf.") no mapping can guess.
  writeFileSync(file, Buffer.from(workbook({
    'Établissements': [['UAI', 'Nom', 'Type', 'Commune'], [UAI, 'École Marie Curie', 'école primaire', 'Cavaillon']],
    'Liste MDPH': [
      ['Réf.', 'NOM de l\'élève', 'Prénom', 'RNE', 'Type d\'aide', 'Quotité horaire', 'Date de début de droits', 'Date de fin de droits'],
      ['M-1', 'Lambert', 'Jade', UAI, 'Aide individuelle', '12', '01/09/2026', '31/08/2028'],
      ['M-2', 'Garnier', 'Noah', UAI, 'Aide mutualisée', '', '01/10/2026', '30/09/2028'],
      ['M-3', 'Robin', 'Lina', UAI, 'Aide individuelle', 'douze', '01/10/2026', '30/09/2028'],
    ],
  }), 'base64'));
  opened = await openAppInChromium(join(tempDir(), 'e2e-exchange.db'));
  page = opened.page;
  await page.getByRole('button', { name: 'Commencer avec une base vide' }).click();
});
afterAll(async () => {
  await opened?.close();
});

describe('importing an MDPH file through the interface', () => {
  it('previews it, takes a corrected mapping, imports the valid rows', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Import / Export' }).click();
    await page.getByLabel('Fichier à importer').setInputFiles(file);
    const preview = page.getByRole('table', { name: 'Aperçu de l’import' });
    await preview.waitFor();
    // "Réf." was not recognised: without a file number the sheet fits no sheet of the workbook,
    // and is left aside until the user says what it feeds.
    await page.getByText(/Feuille « Liste MDPH » : ne correspond à aucune feuille du classeur d’échange/).waitFor();

    await page.getByLabel('Alimenter une autre feuille depuis Liste MDPH').selectOption({ label: 'Élèves' });
    await page.getByLabel('Élèves : Identifiant').selectOption('Réf.');
    await page.getByLabel('Alimenter une autre feuille depuis Liste MDPH').selectOption({ label: 'Notifications' });
    await page.getByLabel('Notifications : Identifiant élève').selectOption('Réf.');
    // The line whose hours cannot be read is refused whole: its pupil is not created either.
    await expect.poll(async () => (await preview.getByRole('row', { name: /Notifications/ }).innerText()).split(/\s+/)).toEqual(['Notifications', '2', '0', '0', '1', '0']);
    expect((await preview.getByRole('row', { name: /Élèves/ }).innerText()).split(/\s+/)).toEqual(['Élèves', '2', '0', '0', '1', '0']);
    await page.getByRole('table', { name: 'Lignes refusées' }).getByText('Heures « douze » illisibles : par exemple 12, 12,5 ou 12 h 30.', { exact: true }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'import-preview.png'), fullPage: true });

    await page.getByRole('button', { name: 'Importer les lignes valides' }).click();
    await page.getByText(/Import de « export_mdph\.xlsx » enregistré : 5 lignes créées/).waitFor();
    await page.getByRole('navigation').getByRole('button', { name: 'Élèves' }).click();
    const list = page.getByRole('table', { name: 'Élèves' });
    await list.getByText('Lambert').waitFor();
    const lambert = await list.getByRole('row').filter({ hasText: 'Lambert' }).innerText();
    for (const shown of ['M-1', 'Jade', 'École Marie Curie']) expect(lambert).toContain(shown);
    expect(await list.getByRole('row').filter({ hasText: 'Robin' }).count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'import-done.png') });
  });

  it('exports the dashboards as a download', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Import / Export' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Tableaux de bord PIAL/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^planif-aesh-tableaux-de-bord-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'exports.png') });
  });
});
