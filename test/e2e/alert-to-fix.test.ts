// From a gap to its fix, on the medium demo (issue 16): in Alertes, "Placer" on a pupil without
// AESH opens the editor on the pupil's pôle and week, a slot drafted for the pupil with the AESH
// suggested. Then a school with five AESH or more, read at 1440 px in its day view.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openAppInChromium, SCREENSHOTS, type AppInChromium } from '../support/browser.ts';
import { openTestRecord, tempDir } from '../support/record.ts';

let opened: AppInChromium | undefined;
let page: Page;
/** The school with the most AESH in the week: its pôle's label in the editor, its name, how many. */
let busiest: { pole: string; school: string; aesh: number };

beforeAll(async () => {
  const db = join(tempDir(), 'e2e-alert-to-fix.db');
  const { api, connection } = await openTestRecord(db);
  await api('app.seedDemo', { scale: 'medium', seed: 7 });
  const found: (typeof busiest)[] = [];
  for (const pole of await api('poles.list', {})) {
    const { record } = await api('timetable.workspace', { poleId: pole.id });
    for (const school of record.schools.filter((s) => s.poleId === pole.id)) {
      const aesh = new Set(record.slots.filter((s) => s.schoolId === school.id && s.validTo === null).map((s) => s.aeshId)).size;
      found.push({ pole: `${pole.code} — ${pole.name}`, school: school.name, aesh });
    }
  }
  busiest = found.sort((a, b) => b.aesh - a.aesh)[0]!;
  await connection.close();
  opened = await openAppInChromium(db, { width: 1440, height: 900 });
  page = opened.page;
});
afterAll(async () => {
  await opened?.close();
});

describe('from an alert to its fix', () => {
  it('"Placer" on a pupil without AESH opens the pupil’s week with a slot drafted and the AESH suggested', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Alertes' }).click();
    await page.getByRole('combobox', { name: 'Filtrer par type d’alerte' }).selectOption('NO_SUPPORT');
    const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: 'Placer' }) }).first();
    await row.waitFor();
    const pupil = (await row.getByRole('cell').nth(3).innerText()).split('\n')[0]!.trim();
    await row.getByRole('button', { name: 'Placer' }).click();

    await page.getByRole('heading', { name: 'Emplois du temps' }).waitFor();
    expect(await page.getByRole('button', { name: 'Un élève', exact: true }).getAttribute('aria-pressed')).toBe('true');
    const chosen = page.getByRole('combobox', { name: 'Un élève', exact: true });
    expect(await chosen.locator('option:checked').innerText()).toBe(pupil);
    const form = page.getByRole('form', { name: 'Créneau' });
    await form.waitFor();
    expect(await form.getByRole('checkbox', { name: new RegExp(pupil) }).isChecked()).toBe(true);
    const suggested = page.getByRole('region', { name: 'AESH suggérés' }).getByRole('listitem');
    await suggested.first().waitFor();
    expect(await suggested.count()).toBeGreaterThan(0);
    await suggested.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'alert-to-fix.png') });
    await page.getByRole('button', { name: 'Annuler', exact: true }).click();
  });

  it('shows a school with five AESH or more readable at 1440 px, one column per AESH in the day view', async () => {
    expect(busiest.aesh).toBeGreaterThanOrEqual(5);
    await page.getByRole('combobox', { name: 'Pôle', exact: true }).selectOption({ label: busiest.pole });
    await page.getByRole('button', { name: 'Un établissement', exact: true }).click();
    await page.getByRole('combobox', { name: 'Un établissement', exact: true }).selectOption({ label: busiest.school });
    const days = page.getByRole('group', { name: 'Jours affichés' });
    await days.getByRole('button', { name: 'mardi' }).click();
    await expect.poll(() => page.getByRole('rowgroup').count()).toBe(1);
    // Every lane's name whole (wrapped, never cut), and the grid within the page's width.
    const heads = page.locator('.grid-lane-heads span');
    expect(await heads.count()).toBeGreaterThanOrEqual(5);
    for (const head of await heads.all()) expect(await head.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'school-week.png') });
    const grid = page.getByRole('grid', { name: 'Semaine' });
    expect(await grid.evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);
    await days.getByRole('button', { name: 'Semaine' }).click();
    await expect.poll(() => page.getByRole('rowgroup').count()).toBeGreaterThanOrEqual(4);
  });
});
