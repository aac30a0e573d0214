import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ApiCall } from '../../shared/api/contract.ts';
import { seedBasics } from '../support/record.ts';
import { goTo, renderApp } from './render.tsx';

/** Léa: 12 h notified, 9 h scheduled (three mornings with Sophie). Today is Monday 23/11/2026. */
async function partlyServed(api: ApiCall): Promise<void> {
  const ids = await seedBasics(api);
  await api('notifications.create', { pupilId: ids.pupilId, kind: 'individual', weeklyHours: 12, startDate: '2026-09-01', endDate: '2028-08-31' });
  await api('contracts.create', { aeshId: ids.aeshId, kind: 'CDI', startDate: '2020-09-01', weeklyHours: 24 });
  for (const weekday of [1, 2, 4]) {
    await api('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday, startMinute: '08:30', endMinute: '11:30', pupilIds: [ids.pupilId] });
  }
}

const figure = (label: string): HTMLElement => screen.getByRole('group', { name: label });

describe('Tableau de bord', () => {
  it('shows the engine’s figures for the date', async () => {
    await renderApp(partlyServed);
    await screen.findByRole('group', { name: 'élèves notifiés' });
    expect(within(figure('élèves notifiés')).getByText('1')).toBeTruthy();
    expect(within(figure('accompagnés en partie')).getByText('1')).toBeTruthy();
    expect(within(figure('sans AESH')).getByText('0')).toBeTruthy();
    expect(within(figure('notifiées')).getByText('12 h')).toBeTruthy();
    expect(within(figure('planifiées')).getByText('9 h')).toBeTruthy();
    expect(within(figure('planifiées')).getByText('75 %')).toBeTruthy();
    expect(within(figure('ETP')).getByText('0,62')).toBeTruthy();
    expect(within(figure('heures disponibles')).getByText('15 h')).toBeTruthy();
  });

  it('recomputes for another date typed as jj/mm/aaaa', async () => {
    const { user } = await renderApp(partlyServed);
    const date = await screen.findByLabelText('Date');
    await user.clear(date);
    await user.type(date, '01/09/2028{Enter}');
    await waitFor(() => expect(within(figure('élèves notifiés')).getByText('0')).toBeTruthy());
    await user.click(screen.getByRole('button', { name: 'Aujourd’hui' }));
    await waitFor(() => expect(within(figure('élèves notifiés')).getByText('1')).toBeTruthy());
  });

  it('saves a dated snapshot and lists it', async () => {
    const { user, api } = await renderApp(partlyServed);
    const label = await screen.findByLabelText(/Enregistrer les chiffres du 23\/11\/2026/);
    await user.clear(label);
    await user.type(label, 'Toussaint');
    await user.click(screen.getByRole('button', { name: 'Enregistrer le relevé' }));
    const row = await within(await screen.findByRole('table', { name: 'Relevés datés' })).findByRole('row', { name: /Toussaint/ });
    expect(row.textContent).toContain('23/11/2026');
    expect((await api('snapshots.list', {}))[0]).toMatchObject({ label: 'Toussaint', pupils: { partial: 1 } });
  });
});

describe('Alertes', () => {
  it('lists the gap with its reason, filters it by severity, and opens the pupil', async () => {
    const { user } = await renderApp(partlyServed);
    await goTo(user, 'Alertes');
    const list = await screen.findByRole('table', { name: 'Alertes' });
    expect(within(list).getByText('PIAL de test')).toBeTruthy();
    expect(within(list).getByText('Heures notifiées non couvertes')).toBeTruthy();
    expect(within(list).getByText(/9 h planifiées sur 12 h notifiées, il manque 3 h par semaine/)).toBeTruthy();

    const severity = screen.getByRole('combobox', { name: 'Filtrer par gravité' });
    expect(within(severity).getByRole('option', { name: 'alerte (1)' })).toBeTruthy();
    await user.selectOptions(severity, 'critique');
    expect(await screen.findByText('Aucune alerte ne correspond à ces filtres.')).toBeTruthy();
    await user.selectOptions(severity, '');

    await user.click(await screen.findByRole('button', { name: 'Léa Martin 2025-0001' }));
    expect(await screen.findByRole('complementary', { name: 'Léa Martin' })).toBeTruthy();
    expect(await screen.findByText('Individuelle, 12 h par semaine')).toBeTruthy();
  });

  it('sees the gap close once the timetable covers the hours', async () => {
    const { user, api } = await renderApp(partlyServed);
    await goTo(user, 'Alertes');
    await screen.findByText('Heures notifiées non couvertes');
    await goTo(user, 'Emplois du temps');
    await user.click(await screen.findByRole('button', { name: 'Nouveau créneau' }));
    const form = screen.getByRole('form', { name: 'Créneau' });
    await user.selectOptions(within(form).getByLabelText('Établissement'), within(form).getByRole('option', { name: /École Jean Moulin/ }));
    await user.selectOptions(within(form).getByLabelText('Jour'), '5');
    await user.click(within(form).getByRole('checkbox', { name: /Léa Martin/ }));
    await user.click(within(form).getByRole('button', { name: 'Créer le créneau' }));
    const meters = await screen.findByRole('complementary', { name: 'Compteurs' });
    await waitFor(() => expect(within(meters).getByText('12 h / 12 h')).toBeTruthy());
    expect(await api('slots.list', {})).toHaveLength(4);
    await goTo(user, 'Alertes');
    expect(await screen.findByText('Aucune rupture d’accompagnement à cette date.')).toBeTruthy();
  });
});
