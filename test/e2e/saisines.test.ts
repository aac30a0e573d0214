// A PAS coordinator in Chromium: records a saisine from the register, then takes it through the
// seven steps of the protocol (the pilots validating the plan at step 5), with an action of the
// plan; the register then shows it among the PAS's year. Then the Activité screen over the last three
// months: its saisines and delays, the weekly hours of its notified pupils, the report exported as a
// workbook and as a PDF. Screenshots pas-saisine.png, pas-register.png, activity-report.png.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { Page } from 'playwright-core';
import { SCHOOL_HOLIDAYS, schoolWeeks } from '../../shared/activity/calendar.ts';
import { addDaysIso, formatDate } from '../../shared/domain/dates.ts';
import { makeUai } from '../../shared/domain/uai.ts';
import { openAppInChromium, SCREENSHOTS, type AppInChromium } from '../support/browser.ts';
import { openTestRecord, tempDir } from '../support/record.ts';

let opened: AppInChromium | undefined;
let page: Page;
// The browser-mode server runs on the machine's clock: the steps are dated today.
const today = formatDate(new Date().toISOString().slice(0, 10));
const daysAgo = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
/** The Tuesday of the last school week before today (zone B's holidays left out): a day of class. */
const lastTuesday = schoolWeeks({ yearStart: daysAgo(90), yearEnd: daysAgo(1), holidays: SCHOOL_HOLIDAYS.B }, daysAgo(90), daysAgo(1))
  .map((monday) => addDaysIso(monday, 1)).filter((tuesday) => tuesday <= daysAgo(1)).at(-1)!;

beforeAll(async () => {
  const db = join(tempDir(), 'e2e-saisines.db');
  const { api, connection } = await openTestRecord(db, { now: () => new Date() });
  const pole = await api('poles.create', { code: 'PAS-084-001', name: 'PAS du Luberon', kind: 'PAS', coordinator: 'Claire Roux' });
  const schools = await Promise.all(['École Jean Giono', 'École Les Cèdres', 'Collège Clovis Hugues'].map((name, i) =>
    api('schools.create', { uai: makeUai(`084010${i}`), name, kind: i === 2 ? 'college' : 'elementaire', commune: 'Apt', poleId: pole.id })));
  const natures = await api('saisineNatures.list', {});
  // A few saisines already in the register, at various steps, so that it looks like a PAS's autumn.
  const earlier = [['Martin', 'Léa', 0, 2, 1], ['Roux', 'Hugo', 1, 4, 0], ['Nguyen', 'Lina', 2, 6, 2], ['Faure', 'Adam', 0, 1, 3]] as const;
  for (const [last, first, school, steps, nature] of earlier) {
    const received = new Date(Date.now() - (60 - steps * 5) * 86_400_000);
    const saisine = await api('saisines.create', {
      poleId: pole.id, receivedOn: received.toISOString().slice(0, 10), origin: steps % 2 === 0 ? 'famille' : 'equipe', natureId: natures[nature]!.id,
      pupilLastName: last, pupilFirstName: first, pupilSchoolId: schools[school]!.id, pupilLevel: school === 2 ? '6e' : 'CE1',
    });
    for (let step = 1; step <= steps; step += 1) {
      const date = new Date(received.getTime() + step * 5 * 86_400_000).toISOString().slice(0, 10);
      await api('saisineSteps.create', { saisineId: saisine.id, step: step, date, author: 'Claire Roux', decision: step === 5 ? 'valide' : null });
    }
  }
  // The PAS's own AESH and notified pupils, so that the activity report has weeks of hours: Zoé
  // and Inès placed, Lucas waiting since his notification, Sophie away on Tuesday last week (Zoé's 3 h lost).
  const aesh = await api('aesh.create', { matricule: 'A-PAS-1', lastName: 'Durand', firstName: 'Sophie', poleId: pole.id });
  await api('contracts.create', { aeshId: aesh.id, kind: 'CDI', startDate: '2020-09-01', weeklyHours: 24 });
  for (const [index, [last, first, hours]] of ([['Petit', 'Zoé', 6], ['Garcia', 'Inès', 9], ['Blanc', 'Lucas', 6]] as const).entries()) {
    const pupil = await api('pupils.create', { identifier: `PAS-E${index + 1}`, lastName: last, firstName: first, schoolId: schools[0]!.id, level: 'CM1' });
    await api('notifications.create', { pupilId: pupil.id, kind: 'individual', weeklyHours: hours, startDate: daysAgo(120), endDate: '2029-08-31' });
    if (index === 2) continue;
    for (const weekday of index === 0 ? [1, 2] : [4, 5]) {
      await api('slots.create', { aeshId: aesh.id, schoolId: schools[0]!.id, weekday, startMinute: 510, endMinute: 690, pupilIds: [pupil.id] });
    }
  }
  await api('absences.create', { aeshId: aesh.id, startDate: lastTuesday, endDate: lastTuesday, reason: 'maladie' });
  await connection.close();
  opened = await openAppInChromium(db, { width: 1440, height: 900 });
  page = opened.page;
}, 90_000);
afterAll(async () => {
  await opened?.close();
});

describe('a PAS coordinator', () => {
  it('records a saisine and takes it through the seven steps', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Saisines (PAS)', exact: true }).click();
    await page.getByRole('button', { name: 'Nouvelle saisine' }).click();
    const identity = page.getByRole('form', { name: 'Identité de la saisine' });
    await identity.getByLabel('Canal').selectOption('telephone');
    await identity.getByLabel('Nature').selectOption({ label: 'Troubles du comportement' });
    await identity.getByLabel('Demandeur', { exact: true }).fill('Mme Bernard');
    await identity.getByLabel('Nom de l’élève', { exact: true }).fill('Bernard');
    await identity.getByLabel('Prénom de l’élève').fill('Tom');
    await identity.getByLabel('Date de naissance').fill('12/03/2018');
    await identity.getByLabel('Établissement').selectOption({ label: `École Les Cèdres (${makeUai('0840101')})` });
    await identity.getByLabel('Niveau', { exact: true }).fill('CE2');
    await identity.getByLabel('PAP').check();
    await identity.getByLabel('Description', { exact: true }).fill('Crises en classe depuis la rentrée ; l’enseignante demande un appui.');
    await identity.getByLabel('Éducateur du binôme').fill('Nadia Faure');
    await identity.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('heading', { name: /^Saisine \d{4}-005 — Tom Bernard$/ }).waitFor();

    const protocol = page.getByRole('region', { name: 'Protocole' });
    const notes = ['Appel de la mère, rendez-vous fixé.', 'LPI consulté, entretien avec l’enseignante.', 'Observation en classe le matin.',
      'Plan construit avec l’éducatrice.', 'Plan présenté à l’IEN.', 'Conseils et aménagements en place.', 'Bilan transmis aux pilotes.'];
    for (const [index, note] of notes.entries()) {
      await protocol.getByRole('button', { name: 'Ajouter une étape' }).click();
      const form = protocol.getByRole('form', { name: 'Étape' });
      expect(await form.getByLabel('Étape').inputValue()).toBe(String(index + 1));
      expect(await form.getByLabel('Date').inputValue()).toBe(today);
      if (index === 4) await form.getByLabel('Décision des pilotes').selectOption('valide');
      await form.getByLabel('Note').fill(note);
      await form.getByRole('button', { name: 'Enregistrer l’étape' }).click();
      await protocol.getByText(note).waitFor();
      if (index === 4) {
        const plan = page.getByRole('region', { name: 'Plan d’action' });
        await plan.getByLabel('Objectifs').fill('Apaiser les entrées en classe ; outiller l’équipe.');
        await plan.getByRole('button', { name: 'Enregistrer les objectifs' }).click();
        await page.getByText('Objectifs enregistrés.').waitFor();
        await plan.getByRole('button', { name: 'Ajouter une action' }).click();
        const action = plan.getByRole('form', { name: 'Action' });
        await action.getByLabel('Type d’action').selectOption('intervention');
        await action.getByLabel('Responsable').fill('Nadia Faure');
        await action.getByLabel('Description de l’action').fill('Accueil du matin avec Tom, en classe.');
        await action.getByLabel('Fréquence').fill('2 fois par semaine');
        await action.getByRole('button', { name: 'Enregistrer l’action' }).click();
        await plan.getByText('Accueil du matin avec Tom, en classe.').waitFor();
      }
    }
    await page.locator('.screen-header .tag', { hasText: 'bilan transmis' }).waitFor();
    const bilan = page.getByRole('region', { name: 'Bilan' });
    await bilan.getByLabel('Actions menées').fill('Accueil du matin deux fois par semaine ; conseils à l’équipe.');
    await bilan.getByLabel('Effets observés').fill('Entrées en classe apaisées.');
    await bilan.getByLabel('Suite proposée').selectOption('clore');
    await bilan.getByLabel('Transmis aux pilotes le').fill(today);
    await bilan.getByRole('button', { name: 'Enregistrer le bilan' }).click();
    await page.getByText('Bilan enregistré.').waitFor();
    expect(await page.locator('.screen-header .tag').textContent()).toBe('bilan transmis');
    expect(await page.getByText('Décision des pilotes : validé').count()).toBe(1);
    await page.getByRole('form', { name: 'Identité de la saisine' }).waitFor();
    await page.getByText('Bilan enregistré.').waitFor({ state: 'hidden' });
    await page.screenshot({ path: join(SCREENSHOTS, 'pas-saisine.png') });

    await page.getByRole('button', { name: '← Registre des saisines' }).click();
    const table = page.getByRole('table', { name: 'Saisines (PAS)' });
    await table.getByText('Tom Bernard').waitFor();
    expect(await table.getAttribute('aria-rowcount')).toBe('5');
    await page.screenshot({ path: join(SCREENSHOTS, 'pas-register.png') });
  });

  it('reads the PAS’s activity over the last three months and exports the rapport d’activités', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Activité', exact: true }).click();
    const period = page.getByRole('form', { name: 'Période et pôle' });
    await period.getByLabel('Période').selectOption('custom');
    for (const [label, date] of [['Du', formatDate(daysAgo(90))], ['Au', today]] as const) {
      await period.getByLabel(label, { exact: true }).fill(date);
      await period.getByLabel(label, { exact: true }).press('Enter');
    }
    await period.getByLabel('Pôle').selectOption('PAS-084-001');
    const received = page.getByRole('group', { name: 'Saisines reçues' });
    await page.getByText(`du ${formatDate(daysAgo(90))} au ${today}`).waitFor();
    // The four saisines of the autumn and Tom's, all received within the three months.
    expect(await received.locator('.figure-value').textContent()).toBe('5');
    expect(await page.getByRole('group', { name: 'Plans validés / soumis' }).locator('.figure-value').textContent()).toBe('2 / 2');
    expect(await page.getByRole('group', { name: 'Élèves en attente' }).locator('.figure-value').textContent()).toBe('1');
    expect(await page.getByRole('group', { name: 'Heures perdues' }).locator('.figure-value').textContent()).toBe('3 h');
    await page.getByRole('figure', { name: 'Heures par semaine de classe' }).locator('path.recharts-line-curve').first().waitFor({ state: 'attached' });
    await page.getByRole('figure', { name: 'Saisines reçues par mois' }).locator('path.recharts-rectangle').first().waitFor({ state: 'attached' });
    // The main pane scrolls, not the page: a tall window shows the whole report at once.
    await page.setViewportSize({ width: 1440, height: 2300 });
    await page.screenshot({ path: join(SCREENSHOTS, 'activity-report.png') });
    await page.setViewportSize({ width: 1440, height: 900 });

    const [workbook] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter le rapport (Excel)' }).click()]);
    expect(workbook.suggestedFilename()).toBe(`rapport-activite-PAS-084-001-${daysAgo(90)}-${daysAgo(0)}.xlsx`);
    const book = XLSX.read(readFileSync(await workbook.path()));
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.Rapport!);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ Pôle: 'PAS-084-001', Nom: 'PAS du Luberon', 'Saisines reçues': 5, 'Plans validés': 2 });
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Résumé A4 (PDF)' }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    expect(readFileSync(await pdf.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
