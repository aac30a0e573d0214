// Accessibility in Chromium at 1440×900: axe-core (WCAG 2.0 and 2.1, A and AA) on every screen of
// the medium demo, with the panels a coordinator opens most (a pupil's and an AESH's record, a
// slot, a move between pôles, a new saisine of a PAS), and on the welcome screen of an empty record. The report is
// printed in the test output (screen → rule, impact, nodes); no screen may have a serious or
// critical violation. Minor and moderate ones are printed too, to be fixed as they come.
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, startApp, type AppInChromium } from '../support/browser.ts';
import { openTestRecord, tempDir } from '../support/record.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const VIEWPORT = { width: 1440, height: 900 };

interface Finding { id: string; impact: string; nodes: number; targets: string[] }
/** Per screen: the violations, and the rules axe could not decide (to check by eye, e.g. contrast over a gradient). */
const report = new Map<string, { violations: Finding[]; toReview: string[] }>();

/** Runs axe on the page as it is, records its findings under `screen`, and returns the serious and critical ones. */
async function audit(page: Page, screen: string): Promise<Finding[]> {
  const { violations, incomplete } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const findings = violations.map((v) => ({ id: v.id, impact: v.impact ?? 'inconnu', nodes: v.nodes.length, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  report.set(screen, { violations: findings, toReview: incomplete.map((v) => `${v.id} ×${v.nodes.length}`) });
  return findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}

/**
 * The app on `db` in Chromium, as openAppInChromium opens it but in a context of its own: axe
 * refuses a page of the browser's default context (it opens pages beside it to audit frames).
 */
async function openApp(db: string): Promise<AppInChromium> {
  const app = await startApp(db);
  const browser = await launchChromium();
  const page = await (await browser.newContext({ viewport: VIEWPORT, locale: 'fr-FR' })).newPage();
  await page.goto(app.url);
  return { app, browser, page, close: async () => { await browser.close(); await app.stop(); } };
}

function printReport(): void {
  const lines = [...report].map(([screen, { violations, toReview }]) => [
    `${screen} → ${violations.length === 0 ? 'aucune violation' : ''}${toReview.length > 0 ? ` (à vérifier : ${toReview.join(', ')})` : ''}`,
    ...violations.map((f) => `    ${f.id} (${f.impact}) ×${f.nodes}  ${f.targets.join(' | ')}`),
  ].join('\n'));
  console.log(`Rapport axe-core (${TAGS.join(', ')}), ${VIEWPORT.width}×${VIEWPORT.height}\n${lines.join('\n')}`);
}

// After every suite, so that the report shows whichever screens ran.
afterAll(printReport);

describe('accessibility of every screen of the medium demo', () => {
  let opened: AppInChromium | undefined;
  let page: Page;

  beforeAll(async () => {
    const db = join(tempDir(), 'e2e-a11y.db');
    const { api, connection } = await openTestRecord(db);
    await api('app.seedDemo', { scale: 'medium', seed: 7 });
    // The demo has no PAS; its register (Saisines) shows once one exists.
    await api('poles.create', { code: 'PAS-A11Y', name: 'PAS du test', kind: 'PAS' });
    await connection.close();
    opened = await openApp(db);
    page = opened.page;
    await page.getByRole('navigation').waitFor();
  });
  afterAll(async () => {
    await opened?.close();
  });

  const nav = (label: string) => page.getByRole('navigation').getByRole('button', { name: label, exact: true });
  const closePanel = () => page.getByRole('button', { name: 'Fermer le panneau' }).first().click();
  /** Goes to a screen and waits for what shows it is drawn. */
  const visit = async (label: string, ready: () => ReturnType<Page['getByRole']>): Promise<void> => {
    await nav(label).click();
    await ready().first().waitFor();
  };

  it('Tableau de bord', async () => {
    await visit('Tableau de bord', () => page.getByRole('group', { name: 'élèves notifiés' }));
    expect.soft(await audit(page, 'Tableau de bord')).toEqual([]);
  });

  it('Alertes', async () => {
    await visit('Alertes', () => page.getByRole('table'));
    expect.soft(await audit(page, 'Alertes')).toEqual([]);
  });

  it('Élèves, and a pupil’s record', async () => {
    await visit('Élèves', () => page.getByRole('table', { name: 'Élèves' }).getByRole('row').nth(1));
    expect.soft(await audit(page, 'Élèves')).toEqual([]);
    await page.getByRole('table', { name: 'Élèves' }).getByRole('row').nth(1).click();
    await page.getByRole('button', { name: 'Fermer le panneau' }).waitFor();
    expect.soft(await audit(page, 'Élèves + fiche')).toEqual([]);
    await closePanel();
  });

  it('AESH, and an AESH’s record', async () => {
    await visit('AESH', () => page.getByRole('table', { name: 'AESH' }).getByRole('row').nth(1));
    expect.soft(await audit(page, 'AESH')).toEqual([]);
    await page.getByRole('table', { name: 'AESH' }).getByRole('row').nth(1).click();
    await page.getByRole('button', { name: 'Fermer le panneau' }).waitFor();
    expect.soft(await audit(page, 'AESH + fiche')).toEqual([]);
    await closePanel();
  });

  it('Établissements', async () => {
    await visit('Établissements', () => page.getByRole('table'));
    expect.soft(await audit(page, 'Établissements')).toEqual([]);
  });

  it('Pôles', async () => {
    await visit('Pôles', () => page.getByRole('table'));
    expect.soft(await audit(page, 'Pôles')).toEqual([]);
  });

  it('Emplois du temps: the AESH, school and pupil views, and a slot’s panel', async () => {
    await visit('Emplois du temps', () => page.getByRole('gridcell'));
    expect.soft(await audit(page, 'Emplois du temps (AESH)')).toEqual([]);
    await page.getByRole('gridcell').first().click();
    await page.getByRole('form', { name: 'Créneau' }).waitFor();
    expect.soft(await audit(page, 'Emplois du temps + créneau')).toEqual([]);
    await closePanel();
    await page.getByRole('button', { name: 'Un établissement', exact: true }).click();
    await page.getByLabel('Un établissement', { exact: true }).waitFor();
    await page.getByRole('grid', { name: 'Semaine' }).waitFor();
    expect.soft(await audit(page, 'Emplois du temps (établissement)')).toEqual([]);
    await page.getByRole('button', { name: 'Un élève', exact: true }).click();
    await page.getByLabel('Un élève', { exact: true }).waitFor();
    await page.getByRole('grid', { name: 'Semaine' }).waitFor();
    expect.soft(await audit(page, 'Emplois du temps (élève)')).toEqual([]);
    await page.getByRole('button', { name: 'Un AESH', exact: true }).click();
  });

  it('Répartition, and the move panel', async () => {
    await visit('Répartition', () => page.getByRole('table', { name: 'Répartition par pôle' }));
    expect.soft(await audit(page, 'Répartition')).toEqual([]);
    await page.getByRole('button', { name: /^Déplacer un AESH de /, disabled: false }).first().click();
    await page.getByRole('complementary', { name: /^Déplacer un AESH de / }).waitFor();
    expect.soft(await audit(page, 'Répartition + déplacement')).toEqual([]);
    await closePanel();
  });

  it('Saisines (PAS), and a new saisine', async () => {
    await visit('Saisines (PAS)', () => page.getByRole('heading', { name: 'Saisines (PAS)' }));
    expect.soft(await audit(page, 'Saisines (PAS)')).toEqual([]);
    await page.getByRole('button', { name: 'Nouvelle saisine' }).click();
    await page.getByRole('form', { name: 'Identité de la saisine' }).waitFor();
    expect.soft(await audit(page, 'Saisines + nouvelle saisine')).toEqual([]);
  });

  it('Import / Export', async () => {
    await visit('Import / Export', () => page.getByRole('heading', { level: 1 }));
    expect.soft(await audit(page, 'Import / Export')).toEqual([]);
  });

  it('Paramètres, with the journal', async () => {
    await visit('Paramètres', () => page.getByRole('heading', { name: /Journal/ }));
    expect.soft(await audit(page, 'Paramètres + journal')).toEqual([]);
  });
});

describe('accessibility of the first launch', () => {
  let opened: AppInChromium | undefined;

  afterAll(async () => {
    await opened?.close();
  });

  it('Bienvenue, on an empty record', async () => {
    opened = await openApp(join(tempDir(), 'e2e-a11y-empty.db'));
    await opened.page.getByRole('heading', { name: 'Bienvenue dans Planif AESH' }).waitFor();
    expect.soft(await audit(opened.page, 'Bienvenue (base vide)')).toEqual([]);
  });
});
