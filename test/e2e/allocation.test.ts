// A coordinator on the medium demo lets the assistant fill the week of the pôle with the most
// pupils without AESH, from Emplois du temps: options, progress, the draft (ghost slots with their
// reasons, figures before and after), then accepts it and sees the pôle's count drop.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openMediumDemo, SCREENSHOTS, type AppInChromium, type WorstPole } from '../support/browser.ts';

let opened: AppInChromium | undefined;
let page: Page;
let worst: WorstPole;

beforeAll(async () => {
  ({ opened, worst } = await openMediumDemo('e2e-allocation'));
  page = opened.page;
});
afterAll(async () => {
  await opened?.close();
});

const shot = (name: string): Promise<Buffer> => page.screenshot({ path: join(SCREENSHOTS, name) });
/** "Pôle : 12 élèves sans AESH." in the editor's counters: the pôle's pupils without AESH this week. */
async function withoutAesh(): Promise<number> {
  const text = await page.getByRole('region', { name: 'À placer' }).getByText(/^Pôle : /).innerText();
  return Number(/Pôle : ([\d\s\u202f]+) élèves? sans AESH/.exec(text)![1]!.replace(/\D/g, ''));
}

describe('the allocation assistant on the medium demo', () => {
  let before = 0;

  it('proposes a week for the pôle: options, progress, ghost slots with their reasons, figures before and after', async () => {
    expect(worst.none).toBeGreaterThan(0);
    await page.getByRole('navigation').getByRole('button', { name: 'Emplois du temps' }).click();
    await page.getByRole('combobox', { name: 'Pôle' }).selectOption({ label: `${worst.code} — ${worst.name}` });
    await page.getByRole('region', { name: 'À placer' }).getByText(/^Pôle : /).waitFor();
    before = await withoutAesh();
    expect(before).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Proposer une répartition' }).click();
    const options = page.getByRole('form', { name: 'Options de la proposition' });
    await options.waitFor();
    await options.getByRole('searchbox', { name: 'Rechercher un AESH' }).fill('a');
    await shot('allocation-options.png');
    await options.getByRole('searchbox', { name: 'Rechercher un AESH' }).fill('');

    await options.getByRole('button', { name: 'Lancer le calcul' }).click();
    // The run lasts about as long as the solver's time limit: the bar is caught when it can be.
    const progress = page.getByRole('progressbar');
    if (await progress.waitFor({ timeout: 2_000 }).then(() => true, () => false)) await shot('allocation-progress.png').catch(() => undefined);

    const draft = page.getByRole('complementary', { name: 'Proposition à valider' });
    await draft.waitFor({ timeout: 30_000 });
    const figures = draft.getByRole('region', { name: `Bilan ${worst.code}` });
    const cells = figures.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Élèves sans AESH' }) }).getByRole('cell');
    const [was, will] = [Number(await cells.nth(0).innerText()), Number(await cells.nth(1).innerText())];
    expect(was).toBe(before);
    expect(will).toBeLessThan(was);

    // The week shown is the pôle's first AESH's: show the one given the most hours instead.
    const heads = draft.getByRole('region', { name: 'Créneaux proposés' }).locator('.draft-group-head');
    const names = await heads.locator('strong').allInnerTexts();
    const minutes = (await heads.locator('.muted').allInnerTexts()).map((text) => {
      const [, h = '0', m = '0'] = /· (\d+) h(?: (\d+))?/.exec(text) ?? [];
      return Number(h) * 60 + Number(m);
    });
    const busiest = names[minutes.indexOf(Math.max(...minutes))]!;
    await page.getByRole('combobox', { name: 'Un AESH' }).selectOption({ label: busiest });
    const ghost = page.getByRole('gridcell', { name: /, proposé$/ }).first();
    await ghost.waitFor();
    await ghost.hover();
    await expect(page.locator('.slot-reason').first().isVisible()).resolves.toBe(true);
    await shot('allocation-draft.png');
  });

  it('accepts the proposal: the ghosts become slots and the pôle’s pupils without AESH drop', async () => {
    const draft = page.getByRole('complementary', { name: 'Proposition à valider' });
    await draft.getByRole('button', { name: 'Tout accepter' }).click();
    await draft.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: /Proposition acceptée/ }).waitFor();
    await expect.poll(() => page.getByRole('gridcell', { name: /, proposé$/ }).count()).toBe(0);
    await expect.poll(withoutAesh).toBeLessThan(before);
    await expect(page.getByRole('button', { name: '↶ Annuler' }).getAttribute('title')).resolves.toMatch(/^Proposition acceptée/);
    await shot('allocation-accepted.png');
  });

  it('proposes for two pôles ticked in Répartition, reviewed pôle by pôle and by pupil, then discarded', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Répartition' }).click();
    const others = page.getByRole('checkbox', { name: /^Répartir / });
    await others.first().waitFor();
    for (const index of [0, 1]) await others.nth(index).check();
    await page.getByRole('button', { name: 'Proposer une répartition (2)' }).click();
    await page.getByRole('button', { name: 'Lancer le calcul' }).click();
    const draft = page.getByRole('complementary', { name: 'Proposition à valider' });
    await draft.waitFor({ timeout: 30_000 });
    await expect.poll(() => draft.getByRole('region', { name: /^Bilan / }).count()).toBe(2);
    await draft.getByRole('button', { name: 'Par élève' }).click();
    await draft.getByRole('region', { name: 'Créneaux proposés' }).scrollIntoViewIfNeeded();
    await shot('allocation-repartition.png');
    await draft.getByRole('button', { name: 'Abandonner' }).click();
    await page.getByText('Proposition abandonnée. Aucune modification n’a été enregistrée.').waitFor();
  });
});
