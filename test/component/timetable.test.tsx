import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ApiCall } from '../../shared/api/contract.ts';
import { seedBasics } from '../support/record.ts';
import { goTo, renderApp } from './render.tsx';

// The grid draws 1.1 px per minute from 7 h 30; jsdom lays nothing out, so every box starts at 0
// and a pointer at y px means 7 h 30 + y / 1.1 minutes.
const y = (hours: number, minutes = 0): number => (hours * 60 + minutes - 450) * 1.1;

let ids: Awaited<ReturnType<typeof seedBasics>>;
/** Léa: 12 h notified at École Jean Moulin (open 8 h 30–11 h 30, 13 h 30–16 h 30); Sophie: CDI 24 h. */
async function record(api: ApiCall): Promise<void> {
  ids = await seedBasics(api);
  await api('notifications.create', { pupilId: ids.pupilId, kind: 'individual', weeklyHours: 12, startDate: '2026-09-01', endDate: '2028-08-31' });
  await api('contracts.create', { aeshId: ids.aeshId, kind: 'CDI', startDate: '2020-09-01', weeklyHours: 24 });
}

const slotCell = (text: RegExp): HTMLElement => screen.getByRole('gridcell', { name: text });
function drag(from: HTMLElement, startY: number, endY: number): void {
  fireEvent.mouseDown(from, { button: 0, clientY: startY });
  fireEvent.mouseMove(window, { clientY: endY });
  fireEvent.mouseUp(window, { clientY: endY });
}

describe('Emplois du temps: the week grid', () => {
  it('creates by dragging, moves, resizes, shows and resolves a conflict, undoes, deletes', async () => {
    const { user, api } = await renderApp(record);
    await goTo(user, 'Emplois du temps');
    const monday = await screen.findByTestId(`lane-1-a${ids.aeshId}`);

    // Create: drag 8 h 30 → 11 h 30 on Monday, choose Léa in the panel.
    drag(monday, y(8, 30), y(11, 30));
    const panel = await screen.findByRole('form', { name: 'Créneau' });
    expect(within(panel).getByLabelText<HTMLInputElement>('Début').value).toBe('08:30');
    expect(within(panel).getByLabelText<HTMLInputElement>('Fin').value).toBe('11:30');
    await user.click(within(panel).getByRole('checkbox', { name: /Léa Martin/ }));
    await user.click(within(panel).getByRole('button', { name: 'Créer le créneau' }));
    await waitFor(() => expect(slotCell(/^8 h 30 – 11 h 30, École Jean Moulin$/)).toBeTruthy());
    const meters = screen.getByRole('complementary', { name: 'Compteurs' });
    expect(within(meters).getByText('3 h / 12 h')).toBeTruthy();
    expect((await api('slots.list', { aeshId: ids.aeshId })).map((s) => [s.startMinute, s.endMinute, s.pupilIds])).toEqual([[510, 690, [ids.pupilId]]]);

    // Move one hour later: past the school's morning, so the slot is marked.
    drag(slotCell(/^8 h 30/), y(9), y(10));
    const moved = await screen.findByRole('gridcell', { name: /^9 h 30 – 12 h 30, École Jean Moulin, 1 conflit/ });
    expect(moved.className).toContain('conflict-alerte');
    expect(moved.getAttribute('title')).toMatch(/sort des horaires de École Jean Moulin/);

    // Resize by the bottom edge back to 11 h 30: the conflict is gone.
    drag(moved.querySelector('[data-handle="end"]')!, y(12, 30), y(11, 30));
    const resized = await screen.findByRole('gridcell', { name: /^9 h 30 – 11 h 30, École Jean Moulin$/ });
    expect(resized.className).not.toContain('conflict');
    expect(within(meters).getByText('2 h / 12 h')).toBeTruthy();

    // Undo the resize, then redo it.
    await user.click(screen.getByRole('button', { name: /Annuler/ }));
    await screen.findByRole('gridcell', { name: /^9 h 30 – 12 h 30, .*1 conflit/ });
    await user.click(screen.getByRole('button', { name: /Rétablir/ }));
    await screen.findByRole('gridcell', { name: /^9 h 30 – 11 h 30, École Jean Moulin$/ });

    // From the keyboard: Tuesday, a quarter-hour earlier, then delete; undo brings it back.
    const cell = slotCell(/^9 h 30/);
    cell.focus();
    await user.keyboard('{ArrowRight}');
    await screen.findByRole('gridcell', { name: /^9 h 30 – 11 h 30/ });
    expect((await api('slots.list', { aeshId: ids.aeshId }))[0]!.weekday).toBe(2);
    slotCell(/^9 h 30/).focus();
    await user.keyboard('{ArrowUp}');
    await screen.findByRole('gridcell', { name: /^9 h 15 – 11 h 15/ });
    slotCell(/^9 h 15/).focus();
    await user.keyboard('{Delete}');
    await waitFor(() => expect(screen.queryAllByRole('gridcell')).toHaveLength(0));
    await user.click(screen.getByRole('button', { name: /Annuler/ }));
    await screen.findByRole('gridcell', { name: /^9 h 15 – 11 h 15/ });
    expect(await api('slots.list', { aeshId: ids.aeshId })).toHaveLength(1);
  });

  it('shows the conflict in the panel while editing, with how to resolve it, before anything is saved', async () => {
    const { user, api } = await renderApp(async (a) => {
      await record(a);
      await a('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday: 1, startMinute: '08:30', endMinute: '11:30', pupilIds: [ids.pupilId] });
    });
    await goTo(user, 'Emplois du temps');
    const cell = await screen.findByRole('gridcell', { name: /^8 h 30 – 11 h 30/ });
    cell.focus();
    await user.keyboard('{Enter}');
    const panel = await screen.findByRole('form', { name: 'Créneau' });
    expect(within(panel).getByText(/Aucun conflit/)).toBeTruthy();
    const end = within(panel).getByLabelText('Fin');
    await user.clear(end);
    await user.type(end, '12:15');
    expect(within(panel).getByText(/sort des horaires de École Jean Moulin\. Ajuster le créneau ou les horaires/)).toBeTruthy();
    expect(screen.getByRole('gridcell', { name: /^8 h 30 – 12 h 15, .*1 conflit/ })).toBeTruthy();
    expect((await api('slots.list', { aeshId: ids.aeshId }))[0]!.endMinute).toBe(690);
    await user.click(within(panel).getByRole('button', { name: 'Annuler' }));
    expect(await screen.findByRole('gridcell', { name: /^8 h 30 – 11 h 30/ })).toBeTruthy();
  });

  it('lists a pupil without support, places them, and suggests the free AESH first', async () => {
    const { user } = await renderApp(async (a) => {
      await record(a);
      const busy = await a('aesh.create', { matricule: 'A002', lastName: 'Roux', firstName: 'Paul', poleId: ids.poleId });
      await a('contracts.create', { aeshId: busy.id, kind: 'CDD', startDate: '2026-09-01', endDate: '2027-08-31', weeklyHours: 24 });
      const other = await a('pupils.create', { identifier: '2025-0009', lastName: 'Bernard', firstName: 'Tom', schoolId: ids.schoolId });
      await a('notifications.create', { pupilId: other.id, kind: 'shared', startDate: '2026-09-01', endDate: '2028-08-31' });
      await a('slots.create', { aeshId: busy.id, schoolId: ids.schoolId, weekday: 1, startMinute: '08:30', endMinute: '11:30', pupilIds: [other.id] });
    });
    await goTo(user, 'Emplois du temps');
    const toPlace = await screen.findByRole('region', { name: 'À placer' });
    expect(within(toPlace).getByText(/sans AESH · il manque 12 h/)).toBeTruthy();
    await user.click(within(toPlace).getByRole('button', { name: 'Placer Léa Martin' }));
    const suggestions = await screen.findByRole('region', { name: 'AESH suggérés' });
    const names = within(suggestions).getAllByRole('listitem').map((li) => li.querySelector('strong')!.textContent);
    expect(names).toEqual(['Sophie Durand', 'Paul Roux']);
    expect(within(suggestions).getAllByRole('listitem')[1]!.textContent).toMatch(/déjà occupé\(e\) 8 h 30–11 h 30/);
  });
});

describe('Emplois du temps: whole weeks', () => {
  it('copies an AESH’s week to another AESH, and starts a new period for a school, each undone in one step', async () => {
    let paulId = 0;
    const { user, api } = await renderApp(async (a) => {
      await record(a);
      paulId = (await a('aesh.create', { matricule: 'A002', lastName: 'Roux', firstName: 'Paul', poleId: ids.poleId })).id;
      for (const weekday of [1, 2]) await a('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday, startMinute: '08:30', endMinute: '11:30', pupilIds: [ids.pupilId] });
    });
    await goTo(user, 'Emplois du temps');
    await user.selectOptions(await screen.findByLabelText('Un AESH', { selector: 'select' }), String(ids.aeshId));
    await user.click(screen.getByRole('button', { name: 'Copier la semaine' }));
    const copy = screen.getByRole('dialog', { name: 'Copier la semaine' });
    await user.selectOptions(within(copy).getByRole('combobox'), String(paulId));
    await user.click(within(copy).getByRole('button', { name: 'Copier' }));
    await waitFor(async () => expect(await api('slots.list', { aeshId: paulId })).toHaveLength(2));
    await user.click(screen.getByRole('button', { name: /Annuler/ }));
    await waitFor(async () => expect(await api('slots.list', { aeshId: paulId })).toHaveLength(0));

    await user.click(screen.getByRole('button', { name: 'Un établissement' }));
    await user.click(screen.getByRole('button', { name: 'Nouvelle période' }));
    const period = screen.getByRole('dialog', { name: 'Nouvelle période' });
    const from = within(period).getByRole('textbox');
    await user.clear(from);
    await user.type(from, '04/01/2027');
    await user.click(within(period).getByRole('button', { name: 'Créer la période' }));
    await waitFor(async () => expect(await api('slots.list', { schoolId: ids.schoolId })).toHaveLength(4));
    const slots = await api('slots.list', { schoolId: ids.schoolId });
    expect(slots.map((s) => `${s.weekday} ${s.validFrom ?? '…'} ${s.validTo ?? '…'}`).sort()).toEqual(['1 … 2027-01-03', '1 2027-01-04 …', '2 … 2027-01-03', '2 2027-01-04 …'].sort());
    // This week still reads the old slots, and nothing else.
    expect(screen.getAllByRole('gridcell')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: /Annuler/ }));
    await waitFor(async () => expect((await api('slots.list', { schoolId: ids.schoolId })).map((s) => s.validTo)).toEqual([null, null]));
  });
});
