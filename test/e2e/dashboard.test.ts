// The departmental coordinator on the medium demo: the dashboard, a pôle's pupils without AESH,
// and an AESH moved between pôles in the Répartition view.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { countOf } from '../../shared/domain/french.ts';
import { openMediumDemo, SCREENSHOTS, type AppInChromium, type WorstPole } from '../support/browser.ts';

let opened: AppInChromium | undefined;
let page: Page;
let worst: WorstPole;

beforeAll(async () => {
  ({ opened, worst } = await openMediumDemo('e2e-dashboard'));
  page = opened.page;
});
afterAll(async () => {
  await opened?.close();
});

const nav = (label: string) => page.getByRole('navigation').getByRole('button', { name: label, exact: true });

describe('the departmental coordinator', () => {
  it('drills from a pôle’s “sans AESH” figure down to its pupils', async () => {
    expect(worst.none).toBeGreaterThan(0);
    await page.getByRole('group', { name: 'sans AESH' }).waitFor();
    await page.getByRole('figure', { name: 'Couverture par pôle' }).locator('svg').first().waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-department.png') });
    await page.getByRole('figure', { name: 'Élèves sans AESH selon l’attente' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-charts.png') });

    await page.getByRole('combobox', { name: 'Pôle' }).selectOption({ label: `${worst.code} — ${worst.name}` });
    const none = page.getByRole('group', { name: 'sans AESH' });
    await none.getByRole('button', { name: String(worst.none), exact: true }).click();
    const title = `Élèves notifiés sans AESH — ${worst.code}`;
    const list = page.getByRole('complementary', { name: title }).getByRole('table', { name: title });
    await list.getByRole('row').nth(1).waitFor();
    await expect(page.getByRole('complementary', { name: title }).getByText(countOf(worst.none, 'élève')).isVisible()).resolves.toBe(true);
    expect(await list.getAttribute('aria-rowcount')).toBe(String(worst.none));
    await expect(list.getByRole('row').nth(1).innerText()).resolves.toMatch(/sans AESH/);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-drill.png') });

    const first = (await list.getByRole('row').nth(1).getByRole('cell').first().innerText()).trim();
    await list.getByRole('row').nth(1).click();
    await page.getByRole('complementary', { name: first }).waitFor();
  });

  it('moves an AESH from the pôle to another in Répartition, seeing the balances change first', async () => {
    await nav('Répartition').click();
    const table = page.getByRole('table', { name: 'Répartition par pôle' });
    await table.waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'repartition.png') });
    const contractCell = (code: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(` ${code}$`) }) }).getByRole('cell').nth(5);
    const before = await contractCell(worst.code).innerText();

    await page.getByRole('button', { name: `Déplacer un AESH de ${worst.code}` }).click();
    const panel = page.getByRole('complementary', { name: new RegExp(`^Déplacer un AESH de .* \\(${worst.code}\\)$`) });
    await panel.getByLabel('AESH', { exact: true }).selectOption({ index: 1 });
    const moved = (await panel.getByLabel('AESH', { exact: true }).locator('option:checked').innerText()).split(' — ')[0]!;
    await panel.getByLabel('Vers le pôle').selectOption({ index: 1 });
    const effect = panel.getByRole('region', { name: 'Effet du déplacement' });
    await effect.waitFor();
    await expect(effect.innerText()).resolves.toContain(`${moved} quitte ${worst.name} le `);
    await page.screenshot({ path: join(SCREENSHOTS, 'repartition-move.png') });

    await panel.getByRole('button', { name: 'Confirmer le déplacement' }).click();
    const amendments = page.getByRole('table', { name: 'Avenants à établir' });
    await amendments.getByText(moved).waitFor();
    await expect(contractCell(worst.code).innerText()).resolves.not.toBe(before);
    await page.screenshot({ path: join(SCREENSHOTS, 'repartition-after-move.png') });
  });
});
