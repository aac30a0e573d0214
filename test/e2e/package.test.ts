// The département receives PIAL-A's package in Chromium: the preview lists the slot the PIAL
// removed as a deletion, and Hugo, changed on both sides since the last package, as a conflict
// with both versions; the import waits for a choice, then writes it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openAppInChromium, SCREENSHOTS, type AppInChromium } from '../support/browser.ts';
import { department, SA } from '../support/packages.ts';
import { openTestRecord, tempDir } from '../support/record.ts';
import { workbook } from '../support/workbook.ts';

let opened: AppInChromium | undefined;
let page: Page;
const dir = tempDir();
const packageFile = join(dir, 'paquet-PIAL-A.xlsx');

beforeAll(async () => {
  const dep = await openTestRecord(join(dir, 'e2e-package.db'));
  const pial = await openTestRecord();
  await dep.api('exchange.import', { fileName: 'departement.xlsx', dataBase64: department() });
  // A first round trip: the département then knows what the PIAL's record held.
  await pial.api('packages.import', { ...(await dep.api('packages.export', { pole: 'PIAL-A' })), choices: {} });
  await dep.api('packages.import', { ...(await pial.api('packages.export', { pole: 'PIAL-A' })), choices: {} });
  const header = ['Identifiant', 'Nom', 'Prénom', 'UAI', 'Niveau', 'Classe'];
  await dep.api('exchange.import', { fileName: 'dep.xlsx', dataBase64: workbook({ 'Élèves': [header, ['PA2', 'Petit', 'Hugo', SA, 'CP', 'CP C']] }) });
  await pial.api('exchange.import', { fileName: 'pial.xlsx', dataBase64: workbook({ 'Élèves': [header, ['PA2', 'Petit', 'Hugo', SA, 'CE1', 'CE1 A']] }) });
  const xa1 = (await pial.api('aesh.list', {})).find((a) => a.matricule === 'XA1')!;
  for (const slot of await pial.api('slots.list', { aeshId: xa1.id })) await pial.api('slots.delete', { id: slot.id });
  writeFileSync(packageFile, Buffer.from((await pial.api('packages.export', { pole: 'PIAL-A' })).dataBase64, 'base64'));
  await pial.host.close();
  await dep.host.close();
  // Tall enough for the preview and its conflict in one screenshot.
  opened = await openAppInChromium(join(dir, 'e2e-package.db'), { width: 1440, height: 2100 });
  page = opened.page;
});
afterAll(async () => {
  await opened?.close();
});

describe('receiving a pôle’s package', () => {
  it('previews deletions and a conflict with both versions, and imports once the conflict is decided', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Import / Export' }).click();
    await page.getByLabel('Paquet à importer').setInputFiles(packageFile);
    const preview = page.getByRole('table', { name: 'Aperçu du paquet' });
    await preview.waitFor();
    expect((await preview.getByRole('row', { name: /Créneaux/ }).innerText()).split(/\s+/)).toEqual(['Créneaux', '0', '0', '1', '1']);
    expect((await preview.getByRole('row', { name: /Élèves/ }).innerText()).split(/\s+/)).toEqual(['Élèves', '0', '1', '1', '0']);
    await page.getByRole('list', { name: 'Suppressions' }).getByText(`Créneau de l’AESH XA1 — lundi 8 h 30–11 h 30, ${SA}`).waitFor();

    const conflict = page.getByRole('region', { name: 'Conflit : Élève PA2 — Petit Hugo' });
    expect((await conflict.getByRole('row', { name: /Niveau/ }).innerText()).split('\t').map((c) => c.trim())).toEqual(['Niveau', 'CP', 'CE1']);
    expect((await conflict.getByRole('row', { name: /Classe/ }).innerText()).split('\t').map((c) => c.trim())).toEqual(['Classe', 'CP C', 'CE1 A']);
    const importButton = page.getByRole('button', { name: 'Importer le paquet' });
    expect(await importButton.isDisabled()).toBe(true);
    await page.getByText('1 conflit reste à trancher avant l’import.').waitFor();
    await page.getByRole('heading', { name: 'Paquets entre coordonnateurs' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'package-preview.png'), fullPage: true });

    await page.getByLabel('Lignes du paquet montrées').selectOption('Modifications');
    await page.getByRole('list', { name: 'Modifications' }).getByText('Élève PA2 — Petit Hugo').waitFor();
    await page.getByLabel('Feuille des lignes du paquet').selectOption('Créneaux');
    await page.getByText('Aucune ligne.').waitFor();

    await conflict.getByLabel('Garder la version du paquet').check();
    await importButton.click();
    await page.getByText('Paquet du pôle PIAL-A importé : 0 ligne créée, 1 modifiée, 1 supprimée. Annulable depuis le journal.').waitFor();
    await page.getByRole('navigation').getByRole('button', { name: 'Élèves' }).click();
    await expect.poll(async () => page.getByRole('table', { name: 'Élèves' }).getByRole('row').filter({ hasText: 'Petit' }).innerText()).toMatch(/CE1/);
  });

  it('makes a pôle’s package from its panel in Pôles, encrypted with the passphrase given', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Pôles' }).click();
    await page.getByRole('table', { name: 'Pôles' }).getByText('PIAL-B').click();
    const section = page.getByRole('region', { name: 'Paquet du pôle' });
    await section.getByLabel('Phrase de passe (facultative, 8 caractères au moins)').fill('court');
    await section.getByText('La phrase de passe doit compter 8 caractères au moins.').waitFor();
    await section.getByLabel('Phrase de passe (facultative, 8 caractères au moins)').fill('phrase de passe du paquet');
    await page.screenshot({ path: join(SCREENSHOTS, 'package-pole-panel.png') });
    const [file] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Exporter le paquet de PIAL-B' }).click()]);
    expect(file.suggestedFilename()).toMatch(/^planif-aesh-paquet-PIAL-B-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect([...readFileSync(await file.path()).subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
  });
});
