// A whole département imported through the interface with its progress bar (the department demo's
// own export, written in the setup), then a second import cancelled while it writes, which leaves
// the record's counts as they were; and an export shown on its bar and cancelled.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { unwrap } from '../../shared/api/dispatch.ts';
import type { AppInfo, RecordCounts } from '../../shared/api/entities.ts';
import type { ApiResult } from '../../shared/api/errors.ts';
import { openAppInChromium, SCREENSHOTS, type AppInChromium } from '../support/browser.ts';
import { openTestRecord, tempDir } from '../support/record.ts';
import { workbook } from '../support/workbook.ts';

// A département takes tens of seconds to read and write on a busy machine.
const LONG = 600_000;
const NEW_PUPILS = 8000;

let opened: AppInChromium | undefined;
let page: Page;
const departmentFile = join(tempDir(), 'departement.xlsx');
const secondFile = join(tempDir(), 'nouveaux-eleves.xlsx');
let departmentCounts: RecordCounts;

/** The record's counts as the services give them, through the browser mode's API with the page's token. */
async function countsOfApp(): Promise<RecordCounts> {
  const url = new URL(opened!.app.url);
  const token = url.hash.replace('#token=', '');
  const response = await fetch(`${url.origin}/api/app.info`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-planif-token': token }, body: '{}' });
  return unwrap(await response.json() as ApiResult<AppInfo>).counts;
}

/** The progress bar of the job labelled `label`, once it shows a value strictly between 0 and its total. */
async function partialBar(label: RegExp): Promise<void> {
  const bar = page.getByRole('progressbar', { name: label });
  await expect.poll(async () => {
    const [now, max] = [Number(await bar.getAttribute('aria-valuenow')), Number(await bar.getAttribute('aria-valuemax'))];
    return max > 0 && now > 0 && now < max;
  }, { timeout: LONG, interval: 50 }).toBe(true);
}

beforeAll(async () => {
  // The department demo, exported as the exchange workbook by the services: what a coordinator
  // moving to the app from another record would import.
  const seeded = await openTestRecord(join(tempDir(), 'demo-departement.db'));
  departmentCounts = await seeded.api('app.seedDemo', { scale: 'department' });
  const file = await seeded.api('exchange.export', { kind: 'record' });
  writeFileSync(departmentFile, Buffer.from(file.dataBase64, 'base64'));
  const school = seeded.connection.sqlite.prepare('select uai from schools order by id limit 1').pluck().get() as string;
  await seeded.host.close();
  // New pupils only: every row of it would be written.
  writeFileSync(secondFile, Buffer.from(workbook({
    'Élèves': [['Identifiant', 'Nom', 'Prénom', 'UAI'], ...Array.from({ length: NEW_PUPILS }, (_, i) => [`NOUV-${i}`, `Nom ${i}`, 'Camille', school])],
  }), 'base64'));
  opened = await openAppInChromium(join(tempDir(), 'e2e-import-progress.db'));
  page = opened.page;
  await page.getByRole('button', { name: 'Commencer avec une base vide' }).click();
}, LONG);
afterAll(async () => {
  await opened?.close();
});

describe('a whole département through the import', () => {
  it('shows the lines read then written on a determinate bar, with the step and Annuler, and imports everything', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Import / Export' }).click();
    await page.getByLabel('Fichier à importer').setInputFiles(departmentFile);
    await page.getByRole('table', { name: 'Aperçu de l’import' }).waitFor({ timeout: LONG });
    await page.getByRole('button', { name: 'Importer', exact: true }).click();

    await partialBar(/Import de « departement\.xlsx »/);
    const progress = page.getByRole('region', { name: /Import de « departement\.xlsx »/ });
    await expect.poll(() => progress.innerText()).toMatch(/Écriture/);
    await expect.poll(() => progress.innerText()).toMatch(/\d[\d\s ]* \/ \d[\d\s ]*/);
    await progress.getByRole('button', { name: 'Annuler' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'import-progress.png') });

    await page.getByText(/Import de « departement\.xlsx » enregistré/).waitFor({ timeout: LONG });
    const counts = await countsOfApp();
    for (const table of ['poles', 'schools', 'pupils', 'notifications', 'aesh', 'absences', 'slots'] as const) expect(counts[table], table).toBe(departmentCounts[table]);
  }, LONG);

  it('cancelled while it writes, says so and leaves the record’s counts as they were', async () => {
    const before = await countsOfApp();
    await page.getByLabel('Fichier à importer').setInputFiles(secondFile);
    const preview = page.getByRole('table', { name: 'Aperçu de l’import' });
    await expect.poll(async () => (await preview.getByRole('row', { name: /Élèves/ }).innerText()).split(/\s+/), { timeout: LONG }).toEqual(['Élèves', String(NEW_PUPILS), '0', '0', '0', '0']);
    await page.getByRole('button', { name: 'Importer', exact: true }).click();

    const progress = page.getByRole('region', { name: /Import de « nouveaux-eleves\.xlsx »/ });
    // Past the lines checked: rows are being written in the transaction when the cancel comes.
    await expect.poll(async () => {
      const bar = progress.getByRole('progressbar');
      return Number(await bar.getAttribute('aria-valuenow')) > NEW_PUPILS && /Écriture/.test(await progress.innerText());
    }, { timeout: LONG, interval: 20 }).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'import-cancel.png') });
    await progress.getByRole('button', { name: 'Annuler' }).click();
    await page.getByText('Import annulé : rien n’a été écrit.').waitFor({ timeout: LONG });
    await expect(progress.count()).resolves.toBe(0);
    expect(await countsOfApp()).toEqual(before);
  }, LONG);
});

describe('an export of the département', () => {
  it('shows its step on the bar and, cancelled, gives no file', async () => {
    let downloads = 0;
    page.on('download', () => { downloads += 1; });
    await page.getByRole('button', { name: /Base complète/ }).click();
    const progress = page.getByRole('region', { name: 'Export « Base complète »' });
    // The workbook is written in one step of two: the bar shows it before the write begins.
    await expect.poll(() => progress.innerText()).toMatch(/Lecture de la base et écriture du classeur\s+0 \/ 2/);
    await expect(progress.getByRole('progressbar').getAttribute('aria-valuemax')).resolves.toBe('2');
    await progress.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'export-progress.png') });
    // Answered once the write is over at the latest: no file is handed over then.
    await progress.getByRole('button', { name: 'Annuler' }).click();
    await page.getByText('Export annulé : aucun fichier n’a été créé.').waitFor({ timeout: LONG });
    expect(downloads).toBe(0);
  }, LONG);
});
