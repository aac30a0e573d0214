// Replacing an AESH away for two days, as one gesture (issue 16): from her week, "Trouver un
// remplaçant" ranks the pôle's AESH for the absent slots, "Choisir" writes a replacement for each
// day of the absence only, the week then says who replaces whom, and the week after is unchanged.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeUai } from '../../shared/domain/uai.ts';
import { schoolWeek } from '../../shared/gaps/week.ts';
import { openAppInChromium, SCREENSHOTS, type AppInChromium } from '../support/browser.ts';
import { openTestRecord, tempDir } from '../support/record.ts';

let opened: AppInChromium | undefined;
let page: Page;
// The app opens on today's week (the browser mode's clock is the machine's): the absence is its Monday and Tuesday.
const week = schoolWeek(new Date().toISOString().slice(0, 10));
const [monday, tuesday] = [week[1], week[2]];

beforeAll(async () => {
  const db = join(tempDir(), 'e2e-replacement.db');
  const { api, connection } = await openTestRecord(db);
  const pole = await api('poles.create', { code: 'PIAL-APT', name: 'PIAL d’Apt', kind: 'PIAL_1D' });
  const school = await api('schools.create', { uai: makeUai('0840201'), name: 'École Jean Moulin', kind: 'elementaire', commune: 'Apt', poleId: pole.id });
  const lea = await api('pupils.create', { identifier: 'E-1', lastName: 'Martin', firstName: 'Léa', schoolId: school.id });
  await api('notifications.create', { pupilId: lea.id, kind: 'individual', weeklyHours: 6, startDate: '2025-09-01', endDate: '2030-08-31' });
  const ids: number[] = [];
  for (const [matricule, lastName, firstName] of [['A-1', 'Durand', 'Sophie'], ['A-2', 'Roux', 'Paul'], ['A-3', 'Petit', 'Karim']] as const) {
    const aesh = await api('aesh.create', { matricule, lastName, firstName, poleId: pole.id, homeCommune: 'Apt' });
    await api('contracts.create', { aeshId: aesh.id, kind: 'CDI', startDate: '2020-09-01', weeklyHours: 24 });
    ids.push(aesh.id);
  }
  for (const weekday of [1, 2] as const) {
    await api('slots.create', { aeshId: ids[0]!, schoolId: school.id, weekday, startMinute: '08:30', endMinute: '11:30', pupilIds: [lea.id] });
  }
  // Karim is in the ULIS on Tuesday morning: he could take Monday only.
  await api('slots.create', { aeshId: ids[2]!, schoolId: school.id, weekday: 2, startMinute: '08:00', endMinute: '12:00', pupilIds: [], nature: 'ulis' });
  await api('absences.create', { aeshId: ids[0]!, startDate: monday, endDate: tuesday, reason: 'formation' });
  await connection.close();
  opened = await openAppInChromium(db, { width: 1440, height: 900 });
  page = opened.page;
});
afterAll(async () => {
  await opened?.close();
});

const shot = (name: string): Promise<Buffer> => page.screenshot({ path: join(SCREENSHOTS, name) });
const cells = (name: RegExp) => page.getByRole('gridcell', { name });

describe('a replacement for a two-day absence', () => {
  it('ranks the AESH free during the absent slots, replaces both days in one change, and says who replaces whom', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Emplois du temps' }).click();
    await page.getByLabel('Un AESH', { exact: true }).selectOption({ label: 'Sophie Durand' });
    await expect.poll(() => cells(/AESH absent\(e\)/).count()).toBe(2);
    await shot('replacement-absence.png');

    await page.getByRole('button', { name: 'Trouver un remplaçant' }).click();
    const panel = page.getByRole('complementary', { name: 'Trouver un remplaçant' });
    const ranked = panel.getByRole('region', { name: 'Remplaçants possibles' }).getByRole('listitem');
    await ranked.first().waitFor();
    expect(await ranked.locator('strong').allInnerTexts()).toEqual(['Paul Roux', 'Karim Petit']);
    expect(await ranked.first().innerText()).toMatch(/prendrait les 2 créneaux \(6 h\)/);
    await shot('replacement-proposal.png');

    await panel.getByRole('button', { name: 'Choisir Paul Roux' }).click();
    await panel.getByText('Aucun créneau de Sophie Durand n’attend de remplaçant cette semaine.').waitFor();
    await expect.poll(() => cells(/remplacé\(e\) par Paul R\./).count()).toBe(2);
    await panel.getByRole('button', { name: 'Fermer', exact: true }).click();

    // The school's week: Sophie's slots hatched and replaced, Paul's replacing her, the legend.
    await page.getByRole('button', { name: 'Un établissement', exact: true }).click();
    await expect.poll(() => cells(/remplace Sophie D\.$/).count()).toBe(2);
    await page.getByRole('list', { name: 'Légende' }).waitFor();
    await shot('replacement-week.png');

    // The week after: Sophie with Léa as every week, nothing for Paul.
    await page.getByRole('button', { name: 'Semaine suivante' }).click();
    await expect.poll(() => cells(/remplace|absent/).count()).toBe(0);
    await page.getByRole('button', { name: 'Un AESH', exact: true }).click();
    await page.getByLabel('Un AESH', { exact: true }).selectOption({ label: 'Sophie Durand' });
    await expect.poll(() => cells(/^8 h 30 – 11 h 30, École Jean Moulin$/).count()).toBe(2);
    await page.getByLabel('Un AESH', { exact: true }).selectOption({ label: 'Paul Roux' });
    await expect.poll(() => page.getByRole('gridcell').count()).toBe(0);
  });
});
