import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeUai } from '../../shared/domain/uai.ts';
import { launchChromium, SCREENSHOTS, startApp, type RunningApp } from '../support/browser.ts';
import { tempDir } from '../support/record.ts';

let app: RunningApp;
let browser: Browser;
let page: Page;
const UAI = makeUai('0840123');

beforeAll(async () => {
  app = await startApp(join(tempDir(), 'e2e.db'));
  console.log(`browser mode ready in ${Math.round(app.startMs)} ms`);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const nav = (label: string) => page.getByRole('navigation').getByRole('button', { name: label, exact: true });
const panel = () => page.getByRole('complementary');

describe('a coordinator builds the record in the browser', () => {
  it('starts from an empty record', async () => {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Commencer avec une base vide' }).click();
    await expect(nav('Tableau de bord').getAttribute('aria-current')).resolves.toBe('page');
    expect(page.url()).not.toContain('token');
  });

  it('creates a pôle and a school', async () => {
    await nav('Pôles').click();
    await page.getByRole('button', { name: 'Nouveau pôle' }).click();
    await panel().getByLabel('Code').fill('PIAL-084-001');
    await panel().getByLabel('Nom').fill('PIAL Apt');
    await panel().getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('table', { name: 'Pôles' }).getByText('PIAL-084-001').waitFor();

    await nav('Établissements').click();
    await page.getByRole('button', { name: 'Nouvel établissement' }).click();
    await panel().getByLabel('UAI').fill(UAI.slice(0, 7) + (UAI[7] === 'A' ? 'B' : 'A'));
    await panel().getByLabel('Nom').fill('École élémentaire Jean Moulin');
    await panel().getByLabel('Commune').fill('Apt');
    await panel().getByLabel('Pôle').selectOption({ label: 'PIAL-084-001 — PIAL Apt' });
    await panel().getByRole('button', { name: 'Enregistrer' }).click();
    await panel().getByText(`attendu ${UAI[7]}`).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'school-uai-refused.png') });
    await panel().getByLabel('UAI').fill(UAI);
    await panel().getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('table', { name: 'Établissements' }).getByText(UAI).waitFor();
  });

  it('creates a pupil with an individual notification of 12 h', async () => {
    await nav('Élèves').click();
    await page.getByRole('button', { name: 'Nouvel élève' }).click();
    await panel().getByLabel('Identifiant').fill('2026-0001');
    await panel().getByLabel('Nom', { exact: true }).fill('Girard');
    await panel().getByLabel('Prénom').fill('Chloé');
    await panel().getByLabel('Date de naissance').fill('12/05/2018');
    await panel().getByLabel('Établissement').selectOption({ label: `École élémentaire Jean Moulin (${UAI}, Apt)` });
    await panel().getByLabel('Niveau').selectOption('CP');
    await panel().getByRole('button', { name: 'Enregistrer' }).click();
    await panel().getByRole('button', { name: 'Ajouter une notification' }).click();
    const form = panel().getByRole('form', { name: 'Notification' });
    await form.getByLabel('Heures hebdomadaires').fill('12');
    await form.getByLabel('Début').fill('01/09/2026');
    await form.getByLabel('Fin').fill('31/08/2029');
    await form.getByRole('button', { name: 'Enregistrer la notification' }).click();
    await panel().getByText('Individuelle, 12 h par semaine').waitFor();
  });

  it('creates an AESH with a 24 h CDD', async () => {
    await nav('AESH').click();
    await page.getByRole('button', { name: 'Nouvel AESH' }).click();
    await panel().getByLabel('Matricule').fill('A0001');
    await panel().getByLabel('Nom', { exact: true }).fill('Roux');
    await panel().getByLabel('Prénom').fill('Nathalie');
    await panel().getByLabel('Pôle').selectOption({ label: 'PIAL-084-001 — PIAL Apt' });
    await panel().getByLabel('Compétences').fill('LSF, TSA');
    await panel().getByRole('button', { name: 'Enregistrer' }).click();
    await panel().getByRole('button', { name: 'Ajouter un contrat' }).click();
    const form = panel().getByRole('form', { name: 'Contrat' });
    await form.getByLabel('Début').fill('01/09/2025');
    await form.getByLabel('Fin').fill('31/08/2028');
    await form.getByRole('button', { name: 'Enregistrer le contrat' }).click();
    await panel().getByText(/quotité 62 %/).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'aesh-contract.png') });
  });

  it('finds everything listed after a reload', async () => {
    await page.reload();
    await nav('Élèves').click();
    const pupils = page.getByRole('table', { name: 'Élèves' });
    await pupils.getByText('Girard').waitFor();
    const row = pupils.getByRole('row').filter({ hasText: 'Girard' });
    expect(await row.innerText()).toMatch(new RegExp(`^Girard\\s+Chloé\\s+2026-0001\\s+École élémentaire Jean Moulin\\s+${UAI}\\s+PIAL Apt\\s+PIAL-084-001\\s+CP\\s+individuelle 12 h\\s+sans AESH\\s+31/08/2029`));
    await row.click();
    await panel().getByText('Individuelle, 12 h par semaine').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'pupils.png') });

    await nav('AESH').click();
    const aesh = page.getByRole('table', { name: 'AESH' }).getByRole('row').filter({ hasText: 'Roux' });
    expect(await aesh.innerText()).toMatch(/^Roux\s+Nathalie\s+A0001\s+PIAL Apt\s+PIAL-084-001\s+CDD 24 h\s+31\/08\/2028\s+0 h\s+24 h/);

    await nav('Établissements').click();
    await page.getByRole('table', { name: 'Établissements' }).getByText(UAI).waitFor();

    await nav('Tableau de bord').click();
    const notified = page.getByRole('group', { name: 'élèves notifiés' });
    await notified.getByText('1', { exact: true }).waitFor();
    // Chloé's notification starts before today and no AESH serves her yet.
    await page.getByRole('group', { name: 'sans AESH' }).getByText('1', { exact: true }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard.png') });

    await nav('Alertes').click();
    await page.getByRole('table', { name: 'Alertes' }).getByText(/Chloé Girard \(CP, École élémentaire Jean Moulin\) : notification individuelle de 12 h/).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'alerts.png') });
  });
});
