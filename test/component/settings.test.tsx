import { screen, waitFor } from '@testing-library/react';
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
});
