// Everything the mouse does in the week, done from the keyboard alone over the real services:
// create in a lane (the mouse drags on empty time), resize by either edge (the mouse drags an
// edge), give a slot to another AESH (the mouse drags it to their lane in a school's week), place
// a pupil still to serve (the mouse drags them from "À placer"), delete. Moving by day and by
// quarter-hour with the arrows is in timetable.test.tsx and timetable-traps.test.tsx.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ApiCall } from '../../shared/api/contract.ts';
import { seedBasics } from '../support/record.ts';
import { goTo, renderApp } from './render.tsx';

let ids: Awaited<ReturnType<typeof seedBasics>>;
let paulId = 0;
/** Léa: 12 h notified at École Jean Moulin (open 8 h 30–11 h 30, 13 h 30–16 h 30); Sophie and Paul: CDI 24 h. */
async function record(api: ApiCall): Promise<void> {
  ids = await seedBasics(api);
  await api('notifications.create', { pupilId: ids.pupilId, kind: 'individual', weeklyHours: 12, startDate: '2026-09-01', endDate: '2028-08-31' });
  await api('contracts.create', { aeshId: ids.aeshId, kind: 'CDI', startDate: '2020-09-01', weeklyHours: 24 });
  paulId = (await api('aesh.create', { matricule: 'A002', lastName: 'Roux', firstName: 'Paul', poleId: ids.poleId })).id;
  await api('contracts.create', { aeshId: paulId, kind: 'CDI', startDate: '2020-09-01', weeklyHours: 24 });
}

const panel = (): Promise<HTMLElement> => screen.findByRole('form', { name: 'Créneau' });
const closed = (): Promise<void> => waitFor(() => expect(screen.queryByRole('form', { name: 'Créneau' })).toBeNull());

describe('the week from the keyboard alone', () => {
  it('creates, resizes, gives to another AESH, places a pupil from "À placer", and deletes', async () => {
    const { user, api } = await renderApp(record);
    const slots = async (aeshId: number) => (await api('slots.list', { aeshId })).map((s) => [s.weekday, s.startMinute, s.endMinute, s.pupilIds]);
    const press = async (element: HTMLElement, keys: string): Promise<void> => {
      element.focus();
      await user.keyboard(keys);
    };
    await goTo(user, 'Emplois du temps');

    // Create: Tuesday's lane has its button; the panel opens on the school's morning hours.
    await press(await screen.findByRole('button', { name: 'Nouveau créneau, mardi — Sophie Durand' }), '{Enter}');
    let form = await panel();
    expect(within(form).getByLabelText<HTMLSelectElement>('Jour').value).toBe('2');
    expect(within(form).getByLabelText<HTMLInputElement>('Début').value).toBe('08:30');
    expect(within(form).getByLabelText<HTMLInputElement>('Fin').value).toBe('11:30');
    await press(within(form).getByRole('checkbox', { name: /Léa Martin/ }), ' ');
    await press(within(form).getByRole('button', { name: 'Créer le créneau' }), '{Enter}');
    await closed();
    expect(await slots(ids.aeshId)).toEqual([[2, 510, 690, [ids.pupilId]]]);

    // Resize: Shift+↓ moves the end a quarter-hour later, Alt+↑ the start a quarter-hour earlier.
    await press(await screen.findByRole('gridcell', { name: /^8 h 30 – 11 h 30/ }), '{Shift>}{ArrowDown}{/Shift}');
    await screen.findByRole('gridcell', { name: /^8 h 30 – 11 h 45/ });
    await press(screen.getByRole('gridcell', { name: /^8 h 30 – 11 h 45/ }), '{Alt>}{ArrowUp}{/Alt}');
    await screen.findByRole('gridcell', { name: /^8 h 15 – 11 h 45/ });
    expect(await slots(ids.aeshId)).toEqual([[2, 495, 705, [ids.pupilId]]]);

    // Place Léa, still short of her 12 h, from "À placer": a slot with her on the first open morning.
    const toPlace = screen.getByRole('region', { name: 'À placer' });
    await press(within(toPlace).getByRole('button', { name: 'Placer Léa Martin' }), '{Enter}');
    form = await panel();
    expect(within(form).getByRole<HTMLInputElement>('checkbox', { name: /Léa Martin/ }).checked).toBe(true);
    await press(within(form).getByRole('button', { name: 'Créer le créneau' }), '{Enter}');
    await closed();
    await waitFor(async () => expect(await slots(ids.aeshId)).toHaveLength(2));

    // Give Tuesday's slot to Paul in the school's week: open it with Enter, choose him, save.
    await press(screen.getByRole('button', { name: 'Un établissement' }), '{Enter}');
    await press(await screen.findByRole('gridcell', { name: /^8 h 15 – 11 h 45/ }), '{Enter}');
    form = await panel();
    await user.selectOptions(within(form).getByLabelText('AESH'), String(paulId));
    await press(within(form).getByRole('button', { name: 'Enregistrer' }), '{Enter}');
    await closed();
    await waitFor(async () => expect(await slots(paulId)).toEqual([[2, 495, 705, [ids.pupilId]]]));
    expect(screen.getByRole('row', { name: 'mardi — Paul Roux' })).toBeTruthy();

    // Delete it with the Delete key.
    await press(await screen.findByRole('gridcell', { name: /^8 h 15 – 11 h 45/ }), '{Delete}');
    await waitFor(async () => expect(await slots(paulId)).toEqual([]));
  });
});
