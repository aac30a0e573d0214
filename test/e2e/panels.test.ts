// Side panels at 1440×900 on the medium demo: a panel opening must not squeeze the page (the
// dashboard's cards, the week's days keep their width), and a toast must never hide the panel's
// action buttons. Screenshots panel-*.png; panel-*-before.png show the squeeze this fixed.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openAppInChromium, SCREENSHOTS, type AppInChromium } from '../support/browser.ts';
import { openTestRecord, tempDir } from '../support/record.ts';

let opened: AppInChromium | undefined;
let page: Page;

beforeAll(async () => {
  const db = join(tempDir(), 'e2e-panels.db');
  const { api, connection } = await openTestRecord(db);
  await api('app.seedDemo', { scale: 'medium', seed: 7 });
  await connection.close();
  opened = await openAppInChromium(db, { width: 1440, height: 900 });
  page = opened.page;
});
afterAll(async () => {
  await opened?.close();
});

const nav = (label: string) => page.getByRole('navigation').getByRole('button', { name: label, exact: true });
const box = async (locator: Locator) => (await locator.boundingBox())!;
const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('side panels', () => {
  it('leave the dashboard’s cards their width', async () => {
    const card = page.getByRole('group', { name: 'élèves notifiés' });
    await card.waitFor();
    const before = await box(card);
    await page.getByRole('group', { name: 'sans AESH' }).getByRole('button').click();
    const panel = page.getByRole('complementary').filter({ has: page.getByRole('button', { name: 'Fermer le panneau' }) });
    await panel.getByRole('table').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'panel-dashboard.png') });
    expect((await box(card)).width).toBeCloseTo(before.width, 0);
    await panel.getByRole('button', { name: 'Fermer le panneau' }).click();
  });

  it('leave the week its working days, the panel in place of the counters', async () => {
    await nav('Emplois du temps').click();
    const slot = page.getByRole('gridcell').first();
    await slot.waitFor();
    const friday = page.getByRole('rowgroup', { name: /^vendredi/ });
    const before = await box(friday);
    await slot.click();
    const form = page.getByRole('form', { name: 'Créneau' });
    await form.waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'panel-week.png') });
    expect(await box(friday)).toEqual(before);
    // The whole of Friday is in view, left of the panel.
    const panel = await box(page.getByRole('complementary').filter({ has: form }));
    expect(before.x + before.width).toBeLessThanOrEqual(panel.x + 1);
  });

  it('show toasts clear of the panel and its buttons', async () => {
    await nav('AESH').click();
    await page.getByRole('table', { name: 'AESH' }).getByRole('row').nth(1).click();
    const panel = page.getByRole('complementary').filter({ has: page.getByRole('button', { name: 'Fermer le panneau' }) });
    await panel.getByRole('button', { name: 'Enregistrer' }).first().click();
    const toast = page.getByRole('status').filter({ hasText: 'AESH enregistré' });
    await toast.waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'panel-toast.png') });
    const toastBox = await box(toast);
    expect(overlaps(toastBox, await box(panel))).toBe(false);
    for (const button of await panel.getByRole('button').all()) {
      if (await button.isVisible()) expect(overlaps(toastBox, await box(button)), `toast over « ${await button.innerText()} »`).toBe(false);
    }
  });
});
