import { screen, waitFor, within } from '@testing-library/react';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTestRecord, seedBasics, tempDir } from '../support/record.ts';
import { goTo, renderApp } from './render.tsx';

describe('Paramètres', () => {
  it('saves the académie’s reference hours and a French decimal, and shows the record’s file', async () => {
    const { user, api } = await renderApp((a) => seedBasics(a));
    await goTo(user, 'Paramètres');
    expect(await screen.findByText(':memory:')).toBeTruthy();
    expect(screen.getByText(/un temps plein correspond à 39 h 11 d’accompagnement par semaine/)).toBeTruthy();
    const reference = screen.getByLabelText('Heures annuelles d’un temps plein');
    await user.clear(reference);
    await user.type(reference, '1 593');
    const factor = screen.getByLabelText('Coefficient route / vol d’oiseau');
    expect((factor as HTMLInputElement).value).toBe('1,3');
    await user.clear(factor);
    await user.type(factor, '1,45');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText(/un temps plein correspond à 38 h 51 d’accompagnement par semaine/)).toBeTruthy();
    expect(await api('settings.get', {})).toMatchObject({ annualReferenceHours: 1593, roadFactor: 1.45 });
  });

  it('refuses an impossible number of service weeks next to the field', async () => {
    const { user, api } = await renderApp((a) => seedBasics(a));
    await goTo(user, 'Paramètres');
    const weeks = await screen.findByLabelText('Semaines de service');
    await user.clear(weeks);
    await user.type(weeks, '52');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Nombre entre 36 et 45 attendu.')).toBeTruthy();
    expect((await api('settings.get', {})).serviceWeeks).toBe(41);
  });

  it('shows a stored value the record no longer accepts on its field, and keeps it when another field is saved', async () => {
    const path = join(tempDir(), 'record.db');
    const before = await openTestRecord(path);
    await seedBasics(before.api);
    await before.api('settings.update', await before.api('settings.get', {}));
    before.connection.sqlite.prepare("update settings set value_json = json_set(value_json, '$.serviceWeeks', 46) where key = 'general'").run();
    await before.host.close();

    const { user, api } = await renderApp(undefined, path);
    await goTo(user, 'Paramètres');
    expect(await screen.findByText(/^Valeur enregistrée « 46 » refusée \(Nombre entre 36 et 45 attendu\.\) : la valeur par défaut « 41 » s’applique/)).toBeTruthy();
    const factor = screen.getByLabelText('Coefficient route / vol d’oiseau');
    await user.clear(factor);
    await user.type(factor, '1,45');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(async () => expect((await api('settings.get', {})).roadFactor).toBe(1.45));
    expect((await api('app.info', {})).staleSettings.map((s) => s.field)).toEqual(['serviceWeeks']);
  });

  it('edits the school calendar: another zone’s national periods, a period added and one deleted', async () => {
    const { user, api } = await renderApp((a) => seedBasics(a));
    await goTo(user, 'Paramètres');
    const calendar = await screen.findByRole('group', { name: 'Calendrier scolaire' });
    await user.selectOptions(within(calendar).getByLabelText('Zone de vacances'), 'A');
    // Zone A's winter holidays of 2027 replace zone B's.
    expect(within(calendar).getAllByLabelText('Du').map((input) => (input as HTMLInputElement).value)).toContain('13/02/2027');
    await user.click(within(calendar).getByRole('button', { name: 'Supprimer la période 10 (Pont de l’Ascension)' }));
    await user.click(within(calendar).getByRole('button', { name: 'Ajouter une période' }));
    await user.type(within(calendar).getByRole('textbox', { name: 'Nom de la période 10' }), 'Journée de solidarité');
    const added = within(calendar).getByRole('textbox', { name: 'Nom de la période 10' }).closest('tr')!;
    for (const label of ['Du', 'au']) {
      const input = within(added).getByLabelText(label);
      await user.clear(input);
      await user.type(input, '05/03/2027{Enter}');
    }
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(async () => expect((await api('settings.get', {})).holidayZone).toBe('A'));
    const saved = (await api('settings.get', {})).schoolHolidays;
    expect(saved).toHaveLength(10);
    expect(saved.find((h) => h.label === 'Hiver' && h.start > '2027-01-01')).toEqual({ label: 'Hiver', start: '2027-02-13', end: '2027-02-28', verified: false });
    expect(saved.at(-1)).toEqual({ label: 'Journée de solidarité', start: '2027-03-05', end: '2027-03-05', verified: true });
    expect(saved.some((h) => h.label === 'Pont de l’Ascension' && h.start > '2027-01-01')).toBe(false);
  });
});
