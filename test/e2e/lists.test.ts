// Lists that scale, in Chromium on the department demo (120 pôles, 15 000 pupils, 6 000 AESH):
// sort and filter the pupils, check the count and the first row against the services, search by
// first name and name, come back with Back; then the AESH, the alerts and the Répartition.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PupilRow } from '../../shared/api/entities.ts';
import { countOf } from '../../shared/domain/french.ts';
import { formatInteger } from '../../shared/domain/hours.ts';
import { openAppInChromium, SCREENSHOTS, type AppInChromium } from '../support/browser.ts';
import { openTestRecord, tempDir } from '../support/record.ts';

let opened: AppInChromium | undefined;
let page: Page;
let pupils: PupilRow[];
let aeshCount: number;
/** The pôle with the most pupils without AESH today, and those pupils, as the services count them. */
let busiest: { code: string; name: string; waiting: PupilRow[] };

beforeAll(async () => {
  const db = join(tempDir(), 'e2e-lists.db');
  const { api, connection } = await openTestRecord(db);
  await api('app.seedDemo', { scale: 'department', seed: 3 });
  // The browser-mode server runs on the machine's clock.
  const today = new Date().toISOString().slice(0, 10);
  pupils = await api('pupils.list', { date: today });
  aeshCount = (await api('aesh.list', { date: today })).length;
  const waiting = new Set((await api('indicators.pupils', { date: today, status: 'none' })).map((p) => p.pupilId));
  const byPole = Map.groupBy(pupils.filter((p) => waiting.has(p.id)), (p) => p.poleCode!);
  const [code, list] = [...byPole].sort((a, b) => b[1].length - a[1].length)[0]!;
  const pole = (await api('poles.list', {})).find((p) => p.code === code)!;
  busiest = { code, name: pole.name, waiting: list };
  await connection.close();
  opened = await openAppInChromium(db, { width: 1440, height: 900 });
  page = opened.page;
}, 90_000);
afterAll(async () => {
  await opened?.close();
});

const nav = (label: string) => page.getByRole('navigation').getByRole('button', { name: label, exact: true });
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
const rowText = (p: PupilRow): string => `${p.lastName}${p.firstName}${p.identifier}`;

/**
 * Milliseconds the page takes, from a click on a header's sort button or a choice in a filter, to
 * the frame after the list is drawn again; measured in the page, without the driver's round trips.
 */
function timedInPage(action: { sort: string } | { select: string; value: string }): Promise<number> {
  return page.evaluate(async (act) => {
    const table = document.querySelector('[role=table]')!;
    const before = table.querySelector('[role=row][data-index="0"]')?.textContent;
    const start = performance.now();
    if ('sort' in act) {
      [...table.querySelectorAll<HTMLButtonElement>('[role=columnheader] button')].find((b) => b.textContent?.startsWith(act.sort))!.click();
    } else {
      const select = document.querySelector<HTMLSelectElement>(`select[aria-label="${act.select}"]`)!;
      select.value = act.value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }
    await new Promise((frame) => requestAnimationFrame(frame));
    if (table.isConnected && table.querySelector('[role=row][data-index="0"]')?.textContent === before) throw new Error('the list did not change');
    return Math.round(performance.now() - start);
  }, action);
}

describe('lists at department scale', () => {
  it('sorts and filters 15 000 pupils, with the count and the first row the services give', async () => {
    await nav('Élèves').click();
    const table = page.getByRole('table', { name: 'Élèves' });
    await table.getByRole('row').nth(1).waitFor();
    expect(await table.getAttribute('aria-rowcount')).toBe(String(pupils.length));
    await expect(page.getByText(countOf(pupils.length, 'élève'), { exact: true }).isVisible()).resolves.toBe(true);

    const sortMs = await timedInPage({ sort: 'Établissement' });
    expect(await table.getByRole('columnheader', { name: /Établissement/ }).getAttribute('aria-sort')).toBe('ascending');
    const poleMs = await timedInPage({ select: 'Filtrer par pôle', value: busiest.code });
    const situationMs = await timedInPage({ select: 'Filtrer par situation', value: 'none' });
    expect(await table.getAttribute('aria-rowcount')).toBe(String(busiest.waiting.length));
    console.log(`Élèves (${formatInteger(pupils.length)}), dans Chromium : tri par établissement ${sortMs} ms, filtre par pôle ${poleMs} ms, puis par situation ${situationMs} ms`);

    await expect(page.getByText(`${countOf(busiest.waiting.length, 'élève')} sur ${formatInteger(pupils.length)}`).isVisible()).resolves.toBe(true);
    // By school, then in the list's order (name, first name): the sort is stable.
    const first = busiest.waiting.toSorted((a, b) => collator.compare(a.schoolName, b.schoolName))[0]!;
    await expect(table.getByRole('row').nth(1).innerText()).resolves.toMatch(new RegExp(`^${first.lastName}\\s+${first.firstName}\\s+${first.identifier}`));
    for (const cell of await table.getByRole('row').nth(1).getByRole('cell').allInnerTexts()) expect(cell).not.toBe('');
    await expect(table.getByRole('row').nth(1).innerText()).resolves.toMatch(new RegExp(`${busiest.name}\\s+${busiest.code}`));
    await page.screenshot({ path: join(SCREENSHOTS, 'lists-pupils.png') });

    // Search by first name and name, whichever order, among all pupils.
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    const started = performance.now();
    await page.getByRole('searchbox', { name: 'Rechercher un élève' }).fill(`${first.firstName} ${first.lastName}`);
    await page.waitForFunction(() => Number(document.querySelector('[role=table]')?.getAttribute('aria-rowcount')) < 20);
    console.log(`Élèves : recherche « prénom nom » parmi ${formatInteger(pupils.length)} en ${Math.round(performance.now() - started)} ms (frappe comprise)`);
    const homonyms = pupils.filter((p) => rowText(p).includes(`${first.lastName}${first.firstName}`));
    expect(await table.getByRole('row').count()).toBeGreaterThanOrEqual(1 + Math.min(homonyms.length, 1));
    await expect(table.innerText()).resolves.toContain(first.identifier);
  });

  it('comes back to the pupils as they were left with the browser’s Back', async () => {
    const search = page.getByRole('searchbox', { name: 'Rechercher un élève' });
    const query = await search.inputValue();
    await nav('AESH').click();
    await page.getByRole('table', { name: 'AESH' }).getByRole('row').nth(1).waitFor();
    await page.goBack();
    await page.getByRole('table', { name: 'Élèves' }).waitFor();
    await expect(search.inputValue()).resolves.toBe(query);
    expect(await page.getByRole('table', { name: 'Élèves' }).getByRole('columnheader', { name: /Établissement/ }).getAttribute('aria-sort')).toBe('ascending');
  });

  it('filters the AESH with hours left, sorted by those hours', async () => {
    await nav('AESH').click();
    const table = page.getByRole('table', { name: 'AESH' });
    await table.getByRole('row').nth(1).waitFor();
    await page.getByRole('combobox', { name: 'Filtrer par situation' }).selectOption('spare');
    await table.getByRole('columnheader', { name: /Heures libres/ }).getByRole('button').click();
    await expect(table.getByRole('columnheader', { name: /Heures libres/ }).getAttribute('aria-sort')).resolves.toBe('descending');
    await expect(page.getByText(new RegExp(` AESH sur ${formatInteger(aeshCount)}$`)).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'lists-aesh.png') });
  });

  it('filters the alerts by severity and pôle, by name', async () => {
    await nav('Alertes').click();
    const table = page.getByRole('table', { name: 'Alertes' });
    await table.getByRole('row').nth(1).waitFor();
    await page.getByRole('combobox', { name: 'Filtrer par gravité' }).selectOption('critique');
    await page.getByRole('combobox', { name: 'Filtrer par pôle' }).selectOption(busiest.code);
    await expect(table.getByRole('row').nth(1).innerText()).resolves.toMatch(new RegExp(`${busiest.name}\\s+${busiest.code}`));
    await page.screenshot({ path: join(SCREENSHOTS, 'lists-alerts.png') });
  });

  it('keeps the Répartition’s header and first column in view across 120 pôles', async () => {
    await nav('Répartition').click();
    const table = page.getByRole('table', { name: 'Répartition par pôle' });
    await table.waitFor();
    const scroller = page.locator('.table-scroll');
    await table.getByRole('row').nth(100).waitFor();
    await scroller.evaluate((box) => box.scrollTo(box.scrollWidth, 1200));
    expect(await scroller.evaluate((box) => [box.scrollLeft > 0, box.scrollTop > 0])).toEqual([true, true]);
    const header = await table.getByRole('columnheader').first().boundingBox();
    const box = await scroller.boundingBox();
    expect(Math.abs(header!.y - box!.y)).toBeLessThan(3);
    expect(Math.abs(header!.x - box!.x)).toBeLessThan(3);
    // The last column is reachable.
    await expect(table.getByRole('button', { name: /Déplacer un AESH de/ }).first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'lists-repartition.png') });
  });
});
