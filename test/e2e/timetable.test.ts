import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { formatDate } from '../../shared/domain/dates.ts';
import { makeUai } from '../../shared/domain/uai.ts';
import { schoolWeek } from '../../shared/gaps/week.ts';
import { openAppInChromium, SCREENSHOTS, type AppInChromium } from '../support/browser.ts';
import { openTestRecord, tempDir } from '../support/record.ts';

let opened: AppInChromium | undefined;
let page: Page;
// The app opens on today's week; the test works in that week.
const tuesday = formatDate(schoolWeek(new Date().toISOString().slice(0, 10))[2]);

beforeAll(async () => {
  const db = join(tempDir(), 'e2e-timetable.db');
  const { api, connection } = await openTestRecord(db);
  const pole = await api('poles.create', { code: 'PIAL-APT', name: 'PIAL d’Apt', kind: 'PIAL_1D' });
  const moulin = await api('schools.create', { uai: makeUai('0840201'), name: 'École Jean Moulin', kind: 'elementaire', commune: 'Apt', poleId: pole.id });
  const curie = await api('schools.create', { uai: makeUai('0840202'), name: 'École Marie Curie', kind: 'elementaire', commune: 'Apt', poleId: pole.id });
  const pupils = [
    { identifier: 'E-1', lastName: 'Martin', firstName: 'Léa', schoolId: moulin.id, kind: 'individual' as const, weeklyHours: 12 },
    { identifier: 'E-2', lastName: 'Bernard', firstName: 'Tom', schoolId: curie.id, kind: 'shared' as const },
    { identifier: 'E-3', lastName: 'Lambert', firstName: 'Jade', schoolId: curie.id, kind: 'shared' as const },
  ];
  for (const { kind, weeklyHours, ...pupil } of pupils) {
    const created = await api('pupils.create', pupil);
    await api('notifications.create', { pupilId: created.id, kind, weeklyHours, startDate: '2025-09-01', endDate: '2030-08-31' });
  }
  for (const [matricule, lastName, firstName] of [['A-1', 'Durand', 'Sophie'], ['A-2', 'Roux', 'Paul']] as const) {
    const aesh = await api('aesh.create', { matricule, lastName, firstName, poleId: pole.id, homeCommune: 'Apt' });
    await api('contracts.create', { aeshId: aesh.id, kind: 'CDI', startDate: '2020-09-01', weeklyHours: 24 });
  }
  await connection.close();
  opened = await openAppInChromium(db);
  page = opened.page;
});
afterAll(async () => {
  await opened?.close();
});

/** Drags on a lane from one time to another (the grid draws 1.1 px per minute from 7 h 30). */
async function dragOn(lane: Locator, from: number, to: number): Promise<void> {
  const box = (await lane.boundingBox())!;
  const at = (minute: number): number => box.y + (minute - 450) * 1.1 + 1;
  await page.mouse.move(box.x + box.width / 2, at(from));
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, at((from + to) / 2), { steps: 4 });
  await page.mouse.move(box.x + box.width / 2, at(to), { steps: 4 });
  await page.mouse.up();
}
const visible = (locator: Locator): Promise<void> => locator.first().waitFor({ state: 'visible' });
const gone = (locator: Locator): Promise<void> => expect.poll(() => locator.count()).toBe(0);
const form = () => page.getByRole('form', { name: 'Créneau' });
const toPlace = () => page.getByRole('region', { name: 'À placer' });

describe('a coordinator builds an AESH’s week from scratch', () => {
  it('places two slots over two schools, one of them shared aid', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Emplois du temps' }).click();
    await page.getByLabel('Un AESH', { exact: true }).selectOption({ label: 'Sophie Durand' });
    await visible(toPlace().getByText('Léa Martin'));

    await dragOn(page.getByRole('rowgroup', { name: /^lundi/ }).locator('.grid-lane'), 8 * 60 + 30, 11 * 60 + 30);
    await form().getByLabel('Établissement').selectOption({ label: 'École Jean Moulin (Apt)' });
    await form().getByRole('checkbox', { name: /Léa Martin/ }).check();
    await form().getByRole('button', { name: 'Créer le créneau' }).click();
    await visible(page.getByRole('gridcell', { name: '8 h 30 – 11 h 30, École Jean Moulin' }));

    await dragOn(page.getByRole('rowgroup', { name: /^mardi/ }).locator('.grid-lane'), 13 * 60 + 30, 16 * 60 + 30);
    await form().getByLabel('Établissement').selectOption({ label: 'École Marie Curie (Apt)' });
    await form().getByRole('checkbox', { name: /Tom Bernard/ }).check();
    await form().getByRole('checkbox', { name: /Jade Lambert/ }).check();
    await visible(form().getByText('Élèves servis (aide mutualisée)'));
    await form().getByRole('button', { name: 'Créer le créneau' }).click();
    await visible(page.getByRole('gridcell', { name: '13 h 30 – 16 h 30, École Marie Curie' }));

    const meters = page.getByRole('complementary', { name: 'Compteurs' });
    await visible(meters.getByText('6 h / 24 h')); // two days, so no journey between the schools
    await visible(meters.getByText('3 h / 12 h'));
    await page.screenshot({ path: join(SCREENSHOTS, 'timetable-aesh-week.png') });
  });

  it('records an absence: the pupils show as uncovered, a replacement covers that day only', async () => {
    await page.getByRole('button', { name: 'Absence' }).click();
    const dialog = page.getByRole('dialog', { name: 'Absence' });
    await dialog.getByLabel('Du').fill(tuesday);
    await dialog.getByLabel('au').fill(tuesday);
    await dialog.getByLabel('Motif').fill('formation');
    await dialog.getByRole('button', { name: 'Enregistrer l’absence' }).click();
    await visible(page.getByRole('gridcell', { name: /13 h 30 – 16 h 30, École Marie Curie, AESH absent\(e\)/ }));
    await visible(toPlace().getByText('Tom Bernard'));
    await visible(toPlace().getByText(/absence non remplacée/).first());

    await page.getByLabel('Un AESH', { exact: true }).selectOption({ label: 'Paul Roux' });
    await dragOn(page.getByRole('rowgroup', { name: /^mardi/ }).locator('.grid-lane'), 13 * 60 + 30, 16 * 60 + 30);
    await form().getByLabel('Établissement').selectOption({ label: 'École Marie Curie (Apt)' });
    await form().getByRole('checkbox', { name: /Tom Bernard/ }).check();
    await form().getByRole('checkbox', { name: /Jade Lambert/ }).check();
    await form().getByLabel('Valable du').fill(tuesday);
    await form().getByLabel('au', { exact: true }).fill(tuesday);
    await form().getByRole('button', { name: 'Créer le créneau' }).click();
    await visible(page.getByRole('gridcell', { name: new RegExp(`13 h 30 – 16 h 30, École Marie Curie`) }));
    await gone(toPlace().getByText('Tom Bernard'));

    // The week after, the replacement is gone and Sophie's permanent slot is back.
    await page.getByRole('button', { name: 'Semaine suivante' }).click();
    await gone(page.getByRole('gridcell'));
    await page.getByRole('button', { name: 'Semaine précédente' }).click();

    await page.getByRole('button', { name: 'Un établissement', exact: true }).click();
    await page.getByLabel('Un établissement', { exact: true }).selectOption({ label: 'École Marie Curie' });
    await visible(page.getByRole('gridcell', { name: /AESH absent\(e\)/ }));
    await page.screenshot({ path: join(SCREENSHOTS, 'timetable-school-week.png') });
  });

  it('prints the AESH’s timetable to an A4 landscape PDF', async () => {
    await page.getByRole('button', { name: 'Un AESH', exact: true }).click();
    await page.getByLabel('Un AESH', { exact: true }).selectOption({ label: 'Sophie Durand' });
    await page.getByRole('button', { name: 'Imprimer' }).click();
    await visible(page.getByRole('heading', { name: 'Emploi du temps de Sophie Durand' }));
    await visible(page.getByText('Léa M.'));
    await gone(page.getByText('Léa Martin'));
    await page.screenshot({ path: join(SCREENSHOTS, 'timetable-print.png') });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
    writeFileSync(join(SCREENSHOTS, 'timetable-sophie-durand.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: 'Retour' }).click();
  });
});
