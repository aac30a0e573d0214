// An MDPH export whose aid type reads "Aide humaine individualisée", which no known spelling
// covers: the preview lists the value with its count, the user maps it once, the preview counts
// the rows accepted, and the saved mapping carries the choice.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeUai } from '../../shared/domain/uai.ts';
import { openAppInChromium, SCREENSHOTS, type AppInChromium } from '../support/browser.ts';
import { tempDir } from '../support/record.ts';
import { workbook } from '../support/workbook.ts';

let opened: AppInChromium | undefined;
let page: Page;
const UAI = makeUai('0840600');
const file = join(tempDir(), 'decisions_cdaph.xlsx');

beforeAll(async () => {
  writeFileSync(file, Buffer.from(workbook({
    'Établissements': [['UAI', 'Nom', 'Type', 'Commune'], [UAI, 'École Louis Pasteur', 'EEPU', 'Pertuis']],
    'Décisions': [
      ['Décisions CDAPH du Vaucluse — extraction du 01/09/2026'],
      [],
      ['N° dossier', 'NOM de l\'élève', 'Prénom', 'RNE', 'Type d\'aide', 'Quotité horaire', 'Date de début de droits', 'Date de fin de droits'],
      ['D-1', 'Lambert', 'Jade', UAI, 'Aide humaine individualisée', '12', '01/09/2026', '31/08/2028'],
      ['D-2', 'Garnier', 'Noah', UAI, 'AHM', '', '01/10/2026', '30/09/2028'],
      ['D-3', 'Robin', 'Lina', UAI, 'Aide humaine individualisée', '9', '01/10/2026', '30/09/2028'],
      ['D-4', 'Morel', 'Léo', UAI, 'AESH-I', '6', '01/10/2026', '30/09/2028'],
      ['Total', 4],
    ],
  }), 'base64'));
  opened = await openAppInChromium(join(tempDir(), 'e2e-import-values.db'));
  page = opened.page;
  await page.getByRole('button', { name: 'Commencer avec une base vide' }).click();
});
afterAll(async () => {
  await opened?.close();
});

describe('a value to map in the preview', () => {
  it('is listed with its count, mapped once for all its rows, and saved with the mapping', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Import / Export' }).click();
    await page.getByLabel('Fichier à importer').setInputFiles(file);
    const preview = page.getByRole('table', { name: 'Aperçu de l’import' });
    await preview.waitFor();
    // The header row is found under the title; the total row is left out, and said so.
    expect(await page.getByLabel('Ligne des en-têtes de Décisions').inputValue()).toBe('3');
    const values = page.getByRole('table', { name: 'Valeurs inconnues' });
    expect((await values.getByRole('row').nth(1).innerText()).split('\t').map((c) => c.trim()).slice(0, 3))
      .toEqual(['Notifications.Type', '« Aide humaine individualisée »', '2']);
    expect((await preview.getByRole('row', { name: /Notifications/ }).innerText()).split(/\s+/)).toEqual(['Notifications', '2', '0', '0', '2', '0']);

    await page.getByLabel('Notifications.Type : « Aide humaine individualisée »').selectOption('individuelle');
    await expect.poll(async () => (await preview.getByRole('row', { name: /Notifications/ }).innerText()).split(/\s+/)).toEqual(['Notifications', '4', '0', '0', '0', '0']);
    expect((await preview.getByRole('row', { name: /Élèves/ }).innerText()).split(/\s+/)).toEqual(['Élèves', '4', '0', '0', '0', '1']);
    await page.getByLabel('Lignes montrées', { exact: true }).selectOption('notice');
    await page.getByRole('table', { name: 'Remarques' }).getByText('ligne de total (« Total ») ignorée').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'import-values.png'), fullPage: true });

    const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Enregistrer la correspondance' }).click()]);
    const mapping = JSON.parse(readFileSync(await saved.path(), 'utf8')) as { values: unknown };
    expect(mapping.values).toEqual({ 'Notifications.Type': { 'Aide humaine individualisée': 'individuelle' } });

    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByText(/Import de « decisions_cdaph\.xlsx » enregistré : 9 lignes créées/).waitFor();
    await page.getByRole('navigation').getByRole('button', { name: 'Élèves' }).click();
    const list = page.getByRole('table', { name: 'Élèves' });
    await list.getByText('Robin').waitFor();
    expect(await list.getByRole('row').filter({ hasText: 'Robin' }).innerText()).toMatch(/individuelle/);
  });
});
