// Traps a new user fell into (issue 16), each through the whole app over the real services: a
// pôle deleted without a word about its schools and AESH, raw coordinates asked for instead of a
// commune, pseudo-plurals in the messages.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { describeCommune, loadCommunes, searchCommunes } from '../../shared/domain/communes.ts';
import { makeUai } from '../../shared/domain/uai.ts';
import { seedBasics } from '../support/record.ts';
import { goTo, renderApp } from './render.tsx';

describe('deleting a pôle in use', () => {
  it('says what depends on it before the confirmation, then leaves them without a pôle', async () => {
    const { user, api } = await renderApp(async (call) => {
      const { poleId } = await seedBasics(call);
      await call('schools.create', { uai: makeUai('0840002'), name: 'École des Lavandes', kind: 'primaire', poleId });
    });
    await goTo(user, 'Pôles');
    await user.click(await within(await screen.findByRole('table', { name: 'Pôles' })).findByText('PIAL-T1'));
    const panel = screen.getByRole('complementary', { name: 'Pôle PIAL-T1' });
    await user.click(within(panel).getByRole('button', { name: 'Supprimer' }));
    const confirm = within(panel).getByRole('group', { name: 'Confirmer la suppression' });
    expect(confirm.textContent).toContain('Supprimer le pôle PIAL-T1 ? 2 établissements et 1 AESH sont rattachés à ce pôle : ils resteront sans pôle.');

    await user.click(within(confirm).getByRole('button', { name: 'Oui, supprimer' }));
    await waitFor(async () => expect(await api('poles.list', {})).toEqual([]));
    expect((await api('schools.list', {})).map((s) => s.poleId)).toEqual([null, null]);
  });

  it('deletes an unused pôle after the usual question only', async () => {
    const { user, api } = await renderApp((call) => call('poles.create', { code: 'PIAL-T9', name: 'PIAL vide', kind: 'PIAL_1D' }));
    await goTo(user, 'Pôles');
    await user.click(await within(await screen.findByRole('table', { name: 'Pôles' })).findByText('PIAL-T9'));
    await user.click(screen.getByRole('button', { name: 'Supprimer' }));
    expect(screen.getByRole('group', { name: 'Confirmer la suppression' }).textContent).toMatch(/^Supprimer le pôle PIAL-T9 \?Oui/);
    await user.click(screen.getByRole('button', { name: 'Oui, supprimer' }));
    await waitFor(async () => expect(await api('poles.list', {})).toEqual([]));
  });
});

describe('a school’s commune', () => {
  it('finds the communes offline, homonyms told apart by postcode and département', async () => {
    const communes = await loadCommunes();
    expect(communes.table.communes.length).toBeGreaterThan(34_000);
    const [apt] = searchCommunes(communes, 'apt');
    expect(apt).toMatchObject({ name: 'Apt', departement: '84', postcodes: ['84400'], centre: { latitude: 43.8764, longitude: 5.3964 } });
    expect(searchCommunes(communes, 'saturnin apt').map(describeCommune)).toEqual(['Saint-Saturnin-lès-Apt (84490, Vaucluse)']);
    const valences = searchCommunes(communes, 'valence').filter((c) => c.name === 'Valence').map(describeCommune);
    expect(valences).toContain('Valence (26000, Drôme)');
    expect(valences).toContain('Valence (82400, Tarn-et-Garonne)');
    expect(searchCommunes(communes, 'valence 82').map((c) => c.departement)).toEqual(expect.arrayContaining(['82']));
    const byPostcode = searchCommunes(communes, '84400');
    expect(byPostcode.map((c) => c.name)).toContain('Apt');
    expect(byPostcode.every((c) => c.postcodes.includes('84400'))).toBe(true);
  });

  it('fills in the coordinates from the commune chosen, editable under “Avancé”', async () => {
    const { user, api } = await renderApp((call) => call('poles.create', { code: 'P1', name: 'Pôle', kind: 'PAS' }));
    await goTo(user, 'Établissements');
    await user.click(await screen.findByRole('button', { name: 'Nouvel établissement' }));
    await user.type(screen.getByLabelText('UAI'), makeUai('0840001'));
    await user.type(screen.getByLabelText('Nom'), 'École Jean Moulin');
    const panel = screen.getByRole('complementary', { name: 'Nouvel établissement' });
    const commune = within(panel).getByRole('combobox', { name: 'Commune' });
    await user.type(commune, 'valence');
    const options = await screen.findByRole('listbox', { name: 'Suggestions' });
    expect(within(options).getAllByRole('option').map((o) => o.textContent)).toEqual(expect.arrayContaining([
      'Valence 26000 · Drôme (26)', 'Valence 82400 · Tarn-et-Garonne (82)',
    ]));
    await user.click(within(options).getByRole('option', { name: 'Valence 82400 · Tarn-et-Garonne (82)' }));
    expect((commune as HTMLInputElement).value).toBe('Valence');
    expect(screen.queryByRole('listbox')).toBeNull();
    const latitude = screen.getByLabelText<HTMLInputElement>('Latitude');
    expect(latitude.closest('details')!.open).toBe(false);
    expect(screen.getByText(/^Centre de Valence \(82400, Tarn-et-Garonne\) : 44,1\d* ; 0,8\d*, pour estimer les trajets\.$/)).toBeTruthy();

    // The keyboard too: arrows move through the list, Enter picks, and the form is not submitted.
    await user.clear(commune);
    await user.type(commune, 'apt{ArrowDown}{ArrowUp}{Enter}');
    expect((commune as HTMLInputElement).value).toBe('Apt');
    expect(latitude.value).toBe('43,8764');
    expect(screen.getByLabelText<HTMLInputElement>('Longitude').value).toBe('5,3964');
    expect(await api('schools.list', {})).toEqual([]);

    await user.click(screen.getByText('Avancé : latitude et longitude'));
    await user.clear(latitude);
    await user.type(latitude, '43,88');
    // Moved off the commune's centre: the hint no longer calls it the centre.
    expect(screen.getByText('Coordonnées : 43,88 ; 5,3964 (modifiables sous « Avancé »).')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(async () => expect(await api('schools.list', {})).toMatchObject([{ commune: 'Apt', latitude: 43.88, longitude: 5.3964 }]));
  });

  it('opens “Avancé” on a refused coordinate, so that its message is seen', async () => {
    const { user } = await renderApp();
    await user.click(await screen.findByRole('button', { name: 'Commencer avec une base vide' }));
    await goTo(user, 'Établissements');
    await user.click(await screen.findByRole('button', { name: 'Nouvel établissement' }));
    await user.type(screen.getByLabelText('UAI'), makeUai('0840001'));
    await user.type(screen.getByLabelText('Nom'), 'École Jean Moulin');
    await user.click(screen.getByText('Avancé : latitude et longitude'));
    await user.type(screen.getByLabelText('Latitude'), '123');
    await user.click(screen.getByText('Avancé : latitude et longitude'));
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    const latitude = screen.getByLabelText('Latitude');
    await waitFor(() => expect(latitude.getAttribute('aria-invalid')).toBe('true'));
    expect(latitude.closest('details')!.open).toBe(true);
  });
});

describe('a pupil’s birth date', () => {
  it('refuses a date in the future or of a pupil under 2 or over 25, by the services’ clock, on the field', async () => {
    const { user, api } = await renderApp((call) => call('schools.create', { uai: makeUai('0840001'), name: 'École Jean Moulin', kind: 'elementaire' }));
    await goTo(user, 'Élèves');
    await user.click(await screen.findByRole('button', { name: 'Nouvel élève' }));
    await user.type(screen.getByLabelText('Identifiant'), '2025-0042');
    await user.type(screen.getByLabelText('Nom'), 'Bernard');
    await user.type(screen.getByLabelText('Prénom'), 'Inès');
    await user.selectOptions(screen.getByLabelText('Établissement'), screen.getByRole('option', { name: /École Jean Moulin/ }));
    const birth = screen.getByLabelText('Date de naissance');
    const refusedWith = async (typed: string, message: string): Promise<void> => {
      await user.clear(birth);
      await user.type(birth, typed);
      await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
      expect(await screen.findByText(message)).toBeTruthy();
      expect(birth.getAttribute('aria-invalid')).toBe('true');
      expect(await api('pupils.list', {})).toEqual([]);
    };
    // The services' day is 23/11/2026 (FIXED_NOW), whatever the machine's.
    await refusedWith('12/05/2030', 'Date de naissance dans le futur : le 12/05/2030 est après aujourd’hui (23/11/2026).');
    await refusedWith('24/11/2026', 'Date de naissance dans le futur : le 24/11/2026 est après aujourd’hui (23/11/2026).');
    await refusedWith('15/03/2025', 'Date de naissance improbable : l’élève aurait 1 an aujourd’hui (de 2 à 25 ans attendus).');
    await refusedWith('22/11/2000', 'Date de naissance improbable : l’élève aurait 26 ans aujourd’hui (de 2 à 25 ans attendus).');

    await user.clear(birth);
    await user.type(birth, '23/11/2001');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(async () => expect(await api('pupils.list', {})).toMatchObject([{ birthDate: '2001-11-23' }]));
    const [pupil] = await api('pupils.list', {});
    await expect(api('pupils.update', { ...pupil!, birthDate: '2030-05-12' })).rejects.toThrow('Date de naissance dans le futur');
  });
});

describe('French plurals', () => {
  it('counts the fields to correct in French: “1 champ”, “2 champs”', async () => {
    const { user } = await renderApp();
    await user.click(await screen.findByRole('button', { name: 'Commencer avec une base vide' }));
    await goTo(user, 'Pôles');
    await user.click(await screen.findByRole('button', { name: 'Nouveau pôle' }));
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Saisie à corriger : 2 champs.')).toBeTruthy();
    await user.type(screen.getByLabelText('Code'), 'PIAL-1');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Saisie à corriger : 1 champ.')).toBeTruthy();
  });
});
