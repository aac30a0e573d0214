// First launch of a coordinator who kept a spreadsheet: a new empty record in browser mode, the
// welcome screen, "Importer mon tableur", the preview with its mapping, the import, the pupils.
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
const UAI = makeUai('0840777');
const file = join(tempDir(), 'suivi_aesh.xlsx');

beforeAll(async () => {
  // A coordinator's own workbook: the school, and the pupils under headers of their own making.
  writeFileSync(file, Buffer.from(workbook({
    'Établissements': [['RNE', 'Nom', 'Commune'], [UAI, 'École des Tilleuls', 'Carpentras']],
    'Mes élèves': [
      ['N° dossier', 'NOM de l\'élève', 'Prénom', 'RNE', 'Niveau'],
      ['S-1', 'Fabre', 'Louise', UAI, 'CP'],
      ['S-2', 'Meyer', 'Hugo', UAI, 'CE2'],
    ],
  }), 'base64'));
  opened = await openAppInChromium(join(tempDir(), 'e2e-welcome.db'), { width: 1440, height: 900 });
  page = opened.page;
});
afterAll(async () => {
  await opened?.close();
});

describe('the first launch', () => {
  it('imports the coordinator’s spreadsheet from the welcome screen', async () => {
    await page.getByRole('heading', { name: 'Bienvenue dans Planif AESH' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'welcome.png') });

    await page.getByRole('button', { name: 'Importer mon tableur' }).click();
    await page.getByLabel('Fichier à importer').setInputFiles(file);
    const preview = page.getByRole('table', { name: 'Aperçu de l’import' });
    await preview.waitFor();
    // "Mes élèves" and its headers are of the user's making: the mapping recognises them.
    await page.getByRole('table', { name: 'Correspondance vers Élèves' }).waitFor();
    expect(await page.getByLabel('Élèves : Identifiant', { exact: true }).inputValue()).toBe('N° dossier');
    /** A sheet's count in a column of the preview, found by the column's header. */
    const count = async (sheet: string, column: string): Promise<string | undefined> => {
      const headers = await preview.getByRole('columnheader').allInnerTexts();
      const cells = (await preview.getByRole('row', { name: new RegExp(`^${sheet}`) }).innerText()).split('\t').map((c) => c.trim());
      return cells[headers.findIndex((h) => h.trim() === column)];
    };
    await expect.poll(() => count('Élèves', 'À créer')).toBe('2');
    expect(await count('Élèves', 'Refusées')).toBe('0');
    expect(await count('Établissements', 'À créer')).toBe('1');
    await page.screenshot({ path: join(SCREENSHOTS, 'welcome-import-preview.png'), fullPage: true });

    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByText('Import de « suivi_aesh.xlsx » enregistré : 3 lignes créées, 0 modifiée.').waitFor();
    await page.getByRole('navigation').getByRole('button', { name: 'Élèves', exact: true }).click();
    const list = page.getByRole('table', { name: 'Élèves' });
    await list.getByText('Fabre').waitFor();
    for (const pupil of [['S-1', 'Fabre', 'Louise'], ['S-2', 'Meyer', 'Hugo']]) {
      const cells = (await list.getByRole('row').filter({ hasText: pupil[1] }).innerText()).split(/\t|\n/);
      expect(cells).toEqual(expect.arrayContaining([...pupil, 'École des Tilleuls']));
    }
  });
});
