import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUai, uaiCheckLetter } from '../../shared/domain/uai.ts';
import { seedBasics } from '../support/record.ts';
import { goTo, renderApp } from './render.tsx';

const GOOD_UAI = makeUai('0840001');
const WRONG_LETTER = uaiCheckLetter('0840001') === 'A' ? 'B' : 'A';

describe('first launch', () => {
  it('offers an empty record or the demonstration, and starts empty on request', async () => {
    const { user } = await renderApp();
    expect(await screen.findByRole('heading', { name: 'Bienvenue dans Planif AESH' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Commencer avec une base vide' }));
    const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
    expect(within(nav).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Tableau de bord', 'Répartition', 'Élèves', 'AESH', 'Établissements', 'Pôles', 'Emplois du temps', 'Alertes', 'Activité', 'Import / Export', 'Paramètres',
    ]);
    expect(await screen.findByRole('list', { name: 'Prochaines étapes' })).toBeTruthy();
  });

  it('loads the small demonstration and shows its computed figures', async () => {
    const { user, api } = await renderApp();
    await user.click(await screen.findByRole('button', { name: /Démonstration : Petit PIAL/ }));
    const notified = await screen.findByRole('group', { name: 'élèves notifiés' });
    const { total } = await api('indicators.get', {});
    expect(total.pupils.notified).toBeGreaterThan(30);
    expect(within(notified).getByText(String(total.pupils.notified))).toBeTruthy();
  });
});

describe('schools', () => {
  it('explains a wrong UAI next to the field, keeps what was typed, then saves', async () => {
    const { user } = await renderApp(async (api) => api('poles.create', { code: 'P1', name: 'Pôle', kind: 'PAS' }));
    await goTo(user, 'Établissements');
    await user.click(await screen.findByRole('button', { name: 'Nouvel établissement' }));
    const uai = screen.getByLabelText('UAI');
    await user.type(uai, `0840001${WRONG_LETTER}`);
    await user.type(screen.getByLabelText('Nom'), 'École Jean Moulin');
    await user.type(screen.getByLabelText('Commune'), 'Apt');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText(`UAI 0840001${WRONG_LETTER} : lettre de contrôle invalide, attendu ${GOOD_UAI[7]}.`)).toBeTruthy();
    expect(uai.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText<HTMLInputElement>('Nom').value).toBe('École Jean Moulin');

    await user.clear(uai);
    await user.type(uai, GOOD_UAI.toLowerCase());
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    const table = await screen.findByRole('table', { name: 'Établissements' });
    await waitFor(() => expect(within(table).getByText(GOOD_UAI)).toBeTruthy());
    expect(within(table).getByText('Apt')).toBeTruthy();
  });

  it('shows the record’s refusal of a duplicate UAI on the field', async () => {
    const { user } = await renderApp((api) => seedBasics(api));
    await goTo(user, 'Établissements');
    await user.click(await screen.findByRole('button', { name: 'Nouvel établissement' }));
    await user.type(screen.getByLabelText('UAI'), GOOD_UAI);
    await user.type(screen.getByLabelText('Nom'), 'Doublon');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Déjà utilisé par un autre enregistrement.')).toBeTruthy();
  });
});

describe('pupils and notifications', () => {
  it('creates a pupil, adds an individual notification in hours as typed, and lists it', async () => {
    const { user } = await renderApp(async (api) => {
      await api('schools.create', { uai: GOOD_UAI, name: 'École Jean Moulin', kind: 'elementaire' });
    });
    await goTo(user, 'Élèves');
    await user.click(await screen.findByRole('button', { name: 'Nouvel élève' }));
    await user.type(screen.getByLabelText('Identifiant'), '2025-0042');
    await user.type(screen.getByLabelText('Nom'), 'Bernard');
    await user.type(screen.getByLabelText('Prénom'), 'Inès');
    await user.type(screen.getByLabelText('Date de naissance'), '31/02/2017');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Date « 31/02/2017 » illisible : jj/mm/aaaa attendu.')).toBeTruthy();
    expect(screen.getByText('Choix obligatoire.')).toBeTruthy();

    await user.clear(screen.getByLabelText('Date de naissance'));
    await user.type(screen.getByLabelText('Date de naissance'), '14/03/2017');
    await user.selectOptions(screen.getByLabelText('Établissement'), screen.getByRole('option', { name: /École Jean Moulin/ }));
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

    await user.click(await screen.findByRole('button', { name: 'Ajouter une notification' }));
    const form = screen.getByRole('form', { name: 'Notification' });
    await user.type(within(form).getByLabelText('Heures hebdomadaires'), 'douze');
    await user.type(within(form).getByLabelText('Début'), '01/09/2026');
    await user.type(within(form).getByLabelText('Fin'), '31/08/2028');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer la notification' }));
    expect(await within(form).findByText('Heures « douze » illisibles : par exemple 12, 12,5 ou 12 h 30.')).toBeTruthy();
    await user.clear(within(form).getByLabelText('Heures hebdomadaires'));
    await user.type(within(form).getByLabelText('Heures hebdomadaires'), '12 h 30');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer la notification' }));

    expect(await screen.findByText('Individuelle, 12 h 30 par semaine')).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Élèves' });
    await waitFor(() => expect(within(table).getByText('individuelle 12 h 30')).toBeTruthy());
    expect(within(table).getByText('31/08/2028')).toBeTruthy();
  });

  it('refuses a second individual notification over the first, next to its start date, and keeps a shared one as the CDAPH decided', async () => {
    const { user, api } = await renderApp(async (api) => {
      const ids = await seedBasics(api);
      await api('notifications.create', { pupilId: ids.pupilId, kind: 'individual', weeklyHours: 12, startDate: '2026-09-01', endDate: '2027-08-31' });
    });
    await goTo(user, 'Élèves');
    await user.click(await screen.findByText('2025-0001'));
    await user.click(await screen.findByRole('button', { name: 'Ajouter une notification' }));
    let form = screen.getByRole('form', { name: 'Notification' });
    await user.type(within(form).getByLabelText('Heures hebdomadaires'), '6');
    await user.type(within(form).getByLabelText('Début'), '01/01/2027');
    await user.type(within(form).getByLabelText('Fin'), '31/12/2027');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer la notification' }));
    expect(await within(form).findByText(/Chevauche la notification individuelle du 01\/09\/2026 au 31\/08\/2027/)).toBeTruthy();
    expect(within(form).getByLabelText<HTMLInputElement>('Début').value).toBe('01/01/2027');

    // A decision of the other kind over the same period is the CDAPH's: kept, and the gaps say what to check.
    await user.click(within(form).getByRole('button', { name: 'Annuler' }));
    await user.click(await screen.findByRole('button', { name: 'Ajouter une notification' }));
    form = screen.getByRole('form', { name: 'Notification' });
    await user.selectOptions(within(form).getByLabelText('Type d’aide'), 'shared');
    await user.type(within(form).getByLabelText('Début'), '01/01/2027');
    await user.type(within(form).getByLabelText('Fin'), '31/12/2027');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer la notification' }));
    await waitFor(async () => expect((await api('pupils.get', { id: 1 })).notifications.map((n) => n.kind).toSorted()).toEqual(['individual', 'shared']));
    expect((await api('gaps.list', { date: '2027-01-04' })).map((g) => g.code)).toContain('NOTIFICATION_CONFLICT');
  });
});

describe('AESH and contracts', () => {
  it('refuses a contract beyond full time, then shows the quotité of a 24 h contract', async () => {
    const { user } = await renderApp((api) => seedBasics(api));
    await goTo(user, 'AESH');
    await user.click(await screen.findByText('A001'));
    await user.click(await screen.findByRole('button', { name: 'Ajouter un contrat' }));
    const form = screen.getByRole('form', { name: 'Contrat' });
    const hours = within(form).getByLabelText('Heures d’accompagnement par semaine');
    await user.clear(hours);
    await user.type(hours, '40');
    await user.selectOptions(within(form).getByLabelText('Contrat'), 'CDI');
    await user.type(within(form).getByLabelText('Début'), '01/09/2024');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer le contrat' }));
    expect(await within(form).findByText(/40 h × 41 semaines = 1\s640 h : au-delà des 1\s607 h/)).toBeTruthy();
    await user.clear(hours);
    await user.type(hours, '24');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer le contrat' }));
    expect(await screen.findByText(/984 h par an, quotité 62 %/)).toBeTruthy();
    const table = screen.getByRole('table', { name: 'AESH' });
    await waitFor(() => expect(within(table).getByText('CDI 24 h')).toBeTruthy());
  });
});

describe('long lists', () => {
  it('renders only the visible window of 700 pupils, and searches without accents', async () => {
    const { user } = await renderApp((api) => api('app.seedDemo', { scale: 'medium' }));
    await goTo(user, 'Élèves');
    const table = await screen.findByRole('table', { name: 'Élèves' });
    expect(table.getAttribute('aria-rowcount')).toBe('700');
    const rendered = within(table).getAllByRole('row').length;
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(60);
    await user.type(screen.getByRole('searchbox', { name: 'Rechercher un élève' }), 'ecole primaire');
    await waitFor(() => expect(Number(table.getAttribute('aria-rowcount'))).toBeLessThan(700));
    for (const cell of within(table).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell')[3]!.textContent)) {
      expect(cell).toMatch(/^École primaire/);
    }
  });
});
