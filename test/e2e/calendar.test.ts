// The school calendar in Chromium: Paramètres' holiday table with the 2026-27 periods still to be
// checked, one confirmed and saved; Activité then says which calendar it counted with. Screenshots
// settings-calendar.png and activity-calendar.png.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppInChromium, SCREENSHOTS, type AppInChromium } from '../support/browser.ts';
import { openTestRecord, tempDir } from '../support/record.ts';

let opened: AppInChromium | undefined;

beforeAll(async () => {
  const db = join(tempDir(), 'e2e-calendar.db');
  const { api, host } = await openTestRecord(db, { now: () => new Date() });
  await api('app.seedDemo', { scale: 'small', seed: 3 });
  await host.close();
  opened = await openAppInChromium(db);
}, 120_000);

afterAll(async () => {
  await opened?.close();
});

describe('the school calendar of Paramètres', () => {
  it('confirms a period to be checked, and Activité says which calendar it counted with', async () => {
    const { page } = opened!;
    await page.getByRole('navigation').getByRole('button', { name: 'Paramètres', exact: true }).click();
    const calendar = page.getByRole('group', { name: 'Calendrier scolaire' });
    const toussaint = calendar.getByRole('row').filter({ has: page.getByRole('textbox', { name: 'Nom de la période 6' }) });
    await toussaint.getByText('à vérifier auprès du calendrier officiel').waitFor();
    await calendar.scrollIntoViewIfNeeded();
    await page.setViewportSize({ width: 1440, height: 1400 });
    await page.screenshot({ path: join(SCREENSHOTS, 'settings-calendar.png') });
    await toussaint.getByRole('button', { name: 'Confirmer la période 6 (Toussaint)' }).click();
    await toussaint.getByText('vérifiée').waitFor();
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Paramètres enregistrés.').waitFor();

    await page.getByRole('navigation').getByRole('button', { name: 'Activité', exact: true }).click();
    const notice = page.getByRole('region', { name: 'Calendrier scolaire' });
    await notice.getByText(/vacances de la zone B saisies dans Paramètres/).waitFor();
    expect(await notice.textContent()).not.toContain('(Toussaint)');
    await page.getByRole('group', { name: 'Heures réalisées' }).waitFor();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: join(SCREENSHOTS, 'activity-calendar.png') });
  });
});
