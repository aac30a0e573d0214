// First launch: the welcome screen's three ways in, and an empty record's dashboard that shows the
// next steps (each a button to its screen) instead of a page of zeros.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUai } from '../../shared/domain/uai.ts';
import { renderApp } from './render.tsx';

describe('the welcome screen', () => {
  it('offers to import a spreadsheet, a demonstration or an empty record', async () => {
    await renderApp();
    expect(await screen.findByRole('heading', { name: 'Bienvenue dans Planif AESH' })).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Importer mon tableur', 'Partir d’un département de démonstration', 'Commencer vide',
    ]);
    expect(screen.getByRole('region', { name: 'Partir d’un département de démonstration' }).querySelectorAll('button')).toHaveLength(3);
  });

  it('leads “Importer mon tableur” to the import, whose preview maps the columns', async () => {
    const { user } = await renderApp();
    await user.click(await screen.findByRole('button', { name: 'Importer mon tableur' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Import / Export' })).toBeTruthy();
    expect(screen.getByLabelText('Fichier à importer')).toBeTruthy();
    expect(within(screen.getByRole('navigation')).getByRole('button', { name: 'Import / Export' }).getAttribute('aria-current')).toBe('page');
  });
});

describe('an empty record’s dashboard', () => {
  it('shows the next steps, not zeros, each opening its screen, and ticks off what is done', async () => {
    const { user, api } = await renderApp();
    await user.click(await screen.findByRole('button', { name: 'Commencer avec une base vide' }));
    const steps = await screen.findByRole('list', { name: 'Prochaines étapes' });
    expect(within(steps).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Créer les pôles', 'Créer les établissements', 'Importer les notifications', 'Importer les AESH',
    ]);
    expect(screen.queryByRole('group', { name: 'élèves notifiés' })).toBeNull();

    await user.click(within(steps).getByRole('button', { name: 'Créer les pôles' }));
    expect(await screen.findByRole('heading', { level: 1, name: /^Pôles/ })).toBeTruthy();

    await api('poles.create', { code: 'PIAL-A', name: 'PIAL A', kind: 'PIAL_1D' });
    await api('poles.create', { code: 'PIAL-B', name: 'PIAL B', kind: 'PIAL_1D' });
    await user.click(within(screen.getByRole('navigation')).getByRole('button', { name: 'Tableau de bord' }));
    expect(await within(await screen.findByRole('list', { name: 'Prochaines étapes' })).findByText('Fait : 2 pôles.')).toBeTruthy();

    await user.click(within(screen.getByRole('list', { name: 'Prochaines étapes' })).getByRole('button', { name: 'Importer les AESH' }));
    expect(await screen.findByLabelText('Fichier à importer')).toBeTruthy();
  });

  it('shows the figures once the record holds pupils', async () => {
    const { user } = await renderApp(async (api) => {
      const school = await api('schools.create', { uai: makeUai('0840001'), name: 'École Jean Moulin', kind: 'elementaire' });
      await api('pupils.create', { identifier: '2025-0001', lastName: 'Martin', firstName: 'Léa', schoolId: school.id });
    });
    await user.click(within(await screen.findByRole('navigation')).getByRole('button', { name: 'Tableau de bord' }));
    expect(await screen.findByRole('group', { name: 'élèves notifiés' })).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Prochaines étapes' })).toBeNull();
  });
});
