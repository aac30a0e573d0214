// A form left open while another tab saves the same row: saving it is refused with the reason, the
// other tab's change stays, and what was typed stays in the form.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { seedBasics } from '../support/record.ts';
import { goTo, renderApp } from './render.tsx';

describe('a stale form', () => {
  it('shows that the pupil was changed since it was opened, and reverts nothing', async () => {
    let pupilId = 0;
    const { user, api } = await renderApp(async (a) => {
      pupilId = (await seedBasics(a)).pupilId;
    });
    await goTo(user, 'Élèves');
    await user.click(await screen.findByText('2025-0001'));
    const className = await screen.findByLabelText('Classe');

    // The other tab.
    const { notifications: _, ...other } = await api('pupils.get', { id: pupilId });
    await api('pupils.update', { ...other, level: 'CE2' });

    await user.type(className, 'CE1 B');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    const alert = await screen.findByText(/a été modifié depuis son ouverture/);
    expect(alert.getAttribute('role')).toBe('alert');
    expect((className as HTMLInputElement).value).toBe('CE1 B');
    expect(await api('pupils.get', { id: pupilId })).toMatchObject({ level: 'CE2', className: null });
  });

  it('lets the form that saved save again', async () => {
    const { user, api } = await renderApp((a) => seedBasics(a));
    await goTo(user, 'Pôles');
    await user.click(await screen.findByText('PIAL-T1'));
    const name = await screen.findByLabelText('Nom');
    await user.clear(name);
    await user.type(name, 'PIAL Apt');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await within(await screen.findByRole('table', { name: 'Pôles' })).findByText('PIAL Apt');
    await user.type(screen.getByLabelText('Coordonnateur'), 'Mme Roux');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await within(screen.getByRole('table', { name: 'Pôles' })).findByText('Mme Roux');
    expect((await api('poles.list', {}))[0]).toMatchObject({ name: 'PIAL Apt', coordinator: 'Mme Roux', version: 3 });
  });
});
