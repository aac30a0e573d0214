// The PAS's register over the real services (clock at 23/11/2026, the renderer's today from it):
// its entry shows once the record has a PAS; counts, reminders and filters; a saisine's file where
// a step is added and the status follows.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ApiCall } from '../../shared/api/contract.ts';
import { makeUai } from '../../shared/domain/uai.ts';
import { seedBasics } from '../support/record.ts';
import { goTo, renderApp } from './render.tsx';

async function register(api: ApiCall): Promise<{ lateId: number }> {
  await seedBasics(api);
  const pole = await api('poles.create', { code: 'PAS-084-001', name: 'PAS du Luberon', kind: 'PAS', coordinator: 'Claire Roux' });
  const school = await api('schools.create', { uai: makeUai('0840101'), name: 'École Jean Giono', kind: 'elementaire', commune: 'Apt', poleId: pole.id });
  const natures = await api('saisineNatures.list', {});
  const base = { poleId: pole.id, origin: 'famille' as const, natureId: natures[0]!.id, pupilSchoolId: school.id, pupilLevel: 'CE2' };
  const late = await api('saisines.create', { ...base, receivedOn: '2026-09-14', pupilLastName: 'Bernard', pupilFirstName: 'Tom' });
  await api('saisineSteps.create', { saisineId: late.id, step: 1, date: '2026-09-15', author: 'Claire Roux' });
  const recent = await api('saisines.create', { ...base, receivedOn: '2026-11-16', origin: 'equipe', natureId: natures[1]!.id, pupilLastName: 'Garcia', pupilFirstName: 'Inès' });
  await api('saisineSteps.create', { saisineId: recent.id, step: 1, date: '2026-11-17' });
  return { lateId: late.id };
}

describe('Saisines (PAS)', () => {
  it('is not in the navigation of a record without a PAS', async () => {
    await renderApp((a) => seedBasics(a));
    const nav = await screen.findByRole('navigation');
    await within(nav).findByRole('button', { name: 'Alertes' });
    expect(within(nav).queryByRole('button', { name: 'Saisines (PAS)' })).toBeNull();
  });

  it('counts the saisines, reminds the step late, and filters by status and origin', async () => {
    const { user } = await renderApp(register);
    await goTo(user, 'Saisines (PAS)');
    const reminders = await screen.findByRole('region', { name: 'Rappels' });
    expect(reminders.textContent).toContain('2 saisines : 2 en cours, 0 close, 1 étape en retard');
    // Accueil on 15/09: the recueil was due 21 days later, 06/10, and is 48 days late on 23/11.
    expect(reminders.textContent).toContain('PAS-084-001 2026-001 (Tom Bernard, École Jean Giono) — Étape 2 : prise de contact et recueil d’informations (LPI) attendue depuis le 06/10/2026, 48 jours de retard.');
    const table = screen.getByRole('table', { name: 'Saisines (PAS)' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    await user.selectOptions(screen.getByLabelText('Filtrer par origine'), 'equipe');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(within(table).getByText('Inès Garcia')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Filtrer par origine'), '');
    await user.selectOptions(screen.getByLabelText('Filtrer par étape en retard'), 'late');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(within(table).getByText('Tom Bernard')).toBeTruthy();
    expect(within(table).getByText('48 j')).toBeTruthy();
  });

  it('opens a saisine’s file, adds the late step, and the reminder goes', async () => {
    const { user, api } = await renderApp(register);
    await goTo(user, 'Saisines (PAS)');
    await user.click(await screen.findByRole('button', { name: 'PAS-084-001 2026-001' }));
    expect(await screen.findByRole('heading', { name: 'Saisine 2026-001 — Tom Bernard' })).toBeTruthy();
    const protocol = screen.getByRole('region', { name: 'Protocole' });
    expect(within(protocol).getByRole('alert').textContent).toBe('Étape 2 : prise de contact et recueil d’informations (LPI) attendue depuis le 06/10/2026 (48 j de retard).');
    await user.click(within(protocol).getByRole('button', { name: 'Ajouter une étape' }));
    const form = within(protocol).getByRole('form', { name: 'Étape' });
    expect(within(form).getByLabelText<HTMLSelectElement>('Étape').value).toBe('2');
    expect(within(form).getByLabelText<HTMLInputElement>('Date').value).toBe('23/11/2026');
    await user.type(within(form).getByLabelText('Note'), 'Entretien avec la mère, LPI consulté.');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer l’étape' }));
    expect(await within(protocol).findByText('Entretien avec la mère, LPI consulté.')).toBeTruthy();
    await waitFor(() => expect(within(protocol).queryByRole('alert')).toBeNull());
    const saved = await api('saisines.list', {});
    expect(saved.find((s) => s.number === '2026-001')).toMatchObject({ status: 'en_recueil', overdue: null });
    await user.click(screen.getByRole('button', { name: '← Registre des saisines' }));
    expect((await screen.findByRole('region', { name: 'Rappels' })).textContent).toContain('0 étape en retard');
  });
});
