// Activité over the real services (clock at 23/11/2026): the term running today is shown by
// default, computed as a job; a PAS's saisines and a PIAL's hours, each chart with its figures
// as a table; another pôle chosen; the report exported as a workbook and as a PDF.
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiCall } from '../../shared/api/contract.ts';
import { makeUai } from '../../shared/domain/uai.ts';
import { seedBasics } from '../support/record.ts';
import { goTo, renderApp } from './render.tsx';

/** seedBasics' PIAL (Léa 6 h notified, 3 h placed, on Monday) and a PAS with one saisine. */
async function seed(api: ApiCall): Promise<void> {
  const ids = await seedBasics(api);
  await api('contracts.create', { aeshId: ids.aeshId, kind: 'CDI', startDate: '2020-09-01', weeklyHours: 24 });
  await api('notifications.create', { pupilId: ids.pupilId, kind: 'individual', weeklyHours: 6, startDate: '2026-09-01', endDate: '2028-08-31' });
  await api('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday: 1, startMinute: 510, endMinute: 690, pupilIds: [ids.pupilId] });
  const pas = await api('poles.create', { code: 'PAS-084-001', name: 'PAS du Luberon', kind: 'PAS' });
  const school = await api('schools.create', { uai: makeUai('0840101'), name: 'École Jean Giono', kind: 'elementaire', commune: 'Apt', poleId: pas.id });
  const natures = await api('saisineNatures.list', {});
  const saisine = await api('saisines.create', {
    poleId: pas.id, receivedOn: '2026-10-05', origin: 'famille', natureId: natures[0]!.id, pupilSchoolId: school.id, pupilLastName: 'Bernard', pupilFirstName: 'Tom',
  });
  await api('saisineSteps.create', { saisineId: saisine.id, step: 2, date: '2026-10-09' });
}

// jsdom has no object URLs: the files offered for download are kept here.
const downloaded: Blob[] = [];
beforeEach(() => {
  downloaded.length = 0;
  Object.assign(URL, { createObjectURL: (blob: Blob) => `blob:${downloaded.push(blob)}`, revokeObjectURL: () => undefined });
});
afterEach(() => history.replaceState(null, ''));

const figure = (label: string): Promise<HTMLElement> => screen.findByRole('group', { name: label });

describe('Activité', () => {
  it('shows the term running today for every pôle: saisines, hours and the charts’ figures as tables', async () => {
    const { user } = await renderApp(seed);
    await goTo(user, 'Activité');
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Période' }).selectedOptions[0]!.textContent).toBe('1er trimestre (01/09/2026 – 18/12/2026)');
    expect((await figure('Saisines reçues')).textContent).toBe('1Saisines reçuesparents / responsables légaux 1 · équipe pédagogique 0 · autre 0');
    expect((await figure('Premier contact (médiane)')).textContent).toContain('4 j');
    // 1 September to 18 December: 16 weeks touched, less the two of Toussaint; Léa has 3 h of her 6 h each.
    expect(screen.getByText(/semaines de classe, vacances exclues/).textContent).toBe("14 semaines de classe, vacances exclues ; heures de l’aide individuelle.");
    expect((await figure('Heures réalisées')).textContent).toBe('42 hHeures réalisées50 % des 84 h notifiées');
    expect((await figure('Élèves en attente')).textContent).toContain('0');
    const weekly = screen.getByRole('figure', { name: 'Heures par semaine de classe' });
    const rows = within(within(weekly).getByRole('table')).getAllByRole('row');
    expect(rows).toHaveLength(15);
    expect(rows[1]!.textContent).toBe('31/086 h3 h3 h0');
    const poles = screen.getByRole('region', { name: 'Par pôle' });
    expect(within(poles).getAllByRole('row').map((r) => r.querySelector('th')?.textContent)).toEqual(['Pôle', 'PAS du Luberon PAS-084-001', 'PIAL de test PIAL-T1']);
  });

  it('narrows to one pôle and exports the report as a workbook and as a PDF', async () => {
    const { user } = await renderApp(seed);
    await goTo(user, 'Activité');
    await figure('Saisines reçues');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Pôle' }), 'PIAL-T1');
    await waitFor(() => expect(screen.getByText(/PIAL de test/, { selector: 'strong' })).toBeTruthy());
    // A PIAL without saisines: no section of saisines.
    expect(screen.queryByRole('region', { name: 'Saisines' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Exporter le rapport (Excel)' }));
    await screen.findByText('Rapport d’activités exporté : rapport-activite-PIAL-T1-2026-09-01-2026-12-18.xlsx');
    await user.click(screen.getByRole('button', { name: 'Résumé A4 (PDF)' }));
    await screen.findByText('Rapport d’activités exporté : rapport-activite-PIAL-T1-2026-09-01-2026-12-18.pdf');
    expect(downloaded.map((b) => b.type)).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/pdf']);
    expect(new TextDecoder().decode((await downloaded[1]!.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
  });

  it('counts with the calendar of Paramètres: a period edited there changes the figures, an overlap is refused naming the row', async () => {
    const { user, api } = await renderApp(seed);
    await goTo(user, 'Activité');
    expect((await figure('Heures réalisées')).textContent).toBe('42 hHeures réalisées50 % des 84 h notifiées');
    const calendar = screen.getByRole('region', { name: 'Calendrier scolaire' });
    expect(calendar.textContent).toContain('vacances de la zone B saisies dans Paramètres (Toussaint du 17/10/2026 au 01/11/2026).');
    expect(calendar.textContent).toContain('1 période de vacances à vérifier auprès du calendrier officiel (Toussaint)');
    expect(calendar.textContent).toContain('Jours fériés en semaine de classe : 11/11/2026 (Armistice 1918).');

    await user.click(within(calendar).getByRole('button', { name: 'Modifier le calendrier dans Paramètres' }));
    expect(await screen.findByRole('group', { name: 'Calendrier scolaire' })).toBeTruthy();
    const row = (n: number): HTMLElement => screen.getByRole('textbox', { name: `Nom de la période ${n}` }).closest('tr')!;
    expect(within(row(6)).getByText('à vérifier auprès du calendrier officiel')).toBeTruthy();
    // Noël moved into Toussaint: refused, the row named, nothing saved.
    const noelStart = within(row(7)).getByLabelText('Du');
    await user.clear(noelStart);
    await user.type(noelStart, '31/10/2026{Enter}');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Période 7 (Noël) chevauche la période 6 (Toussaint) : une période par jour sans classe.')).toBeTruthy();
    expect((await api('settings.get', {})).schoolHolidays[6]!.start).toBe('2026-12-19');

    // Noël put back; Toussaint shortened to its first week and so confirmed.
    await user.clear(noelStart);
    await user.type(noelStart, '19/12/2026{Enter}');
    const toussaintEnd = within(row(6)).getByLabelText('au');
    await user.clear(toussaintEnd);
    await user.type(toussaintEnd, '25/10/2026{Enter}');
    expect(within(row(6)).getByText('vérifiée')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(async () => expect((await api('settings.get', {})).schoolHolidays[5]).toEqual({ label: 'Toussaint', start: '2026-10-17', end: '2026-10-25', verified: true }));

    await goTo(user, 'Activité');
    // One week of Toussaint given back: 15 school weeks of Léa's 3 h of 6 h.
    await waitFor(() => expect(screen.getByText(/semaines de classe, vacances exclues/).textContent).toBe('15 semaines de classe, vacances exclues ; heures de l’aide individuelle.'));
    expect((await figure('Heures réalisées')).textContent).toBe('45 hHeures réalisées50 % des 90 h notifiées');
    const after = screen.getByRole('region', { name: 'Calendrier scolaire' });
    expect(after.textContent).toContain('(Toussaint du 17/10/2026 au 25/10/2026).');
    expect(after.textContent).not.toContain('à vérifier');
  });
});
