// The timetable editor's traps (issue 16): a replacement that gave the slot away for good, a
// replacement drafted with the absent AESH, overlapping slots drawn one under the other, times
// typed backwards, keys that did nothing, and a journal in the code's words.
import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiCall } from '../../shared/api/contract.ts';
import { useUi } from '../../renderer/src/store.ts';
import { seedBasics } from '../support/record.ts';
import { goTo, renderApp } from './render.tsx';

// The services' clock is stopped at Monday 23 November 2026 (test/support/record.ts); the
// renderer is set to the same day, so the week shown is 23–28 November whatever the real date.
beforeEach(() => useUi.setState({ date: '2026-11-23', today: '2026-11-23' }));

let ids: Awaited<ReturnType<typeof seedBasics>>;
let paulId = 0;
/** Léa: `weeklyHours` notified at École Jean Moulin; Sophie Durand and Paul Roux: CDI 24 h each. */
async function record(api: ApiCall, weeklyHours = 12): Promise<void> {
  ids = await seedBasics(api);
  await api('notifications.create', { pupilId: ids.pupilId, kind: 'individual', weeklyHours, startDate: '2026-09-01', endDate: '2028-08-31' });
  await api('contracts.create', { aeshId: ids.aeshId, kind: 'CDI', startDate: '2020-09-01', weeklyHours: 24 });
  paulId = (await api('aesh.create', { matricule: 'A002', lastName: 'Roux', firstName: 'Paul', poleId: ids.poleId })).id;
  await api('contracts.create', { aeshId: paulId, kind: 'CDI', startDate: '2020-09-01', weeklyHours: 24 });
}
/** Sophie accompanies Léa (3 h notified) on Tuesday morning every week, and is away on Tuesday 24 November. */
async function absentOnTuesday(api: ApiCall): Promise<void> {
  await record(api, 3);
  await api('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday: 2, startMinute: '08:30', endMinute: '11:30', pupilIds: [ids.pupilId] });
  await api('absences.create', { aeshId: ids.aeshId, startDate: '2026-11-24', endDate: '2026-11-24', reason: 'formation' });
}

const slotsOf = async (api: ApiCall, aeshId: number): Promise<string[]> =>
  (await api('slots.list', { aeshId })).map((s) => `${s.weekday} ${s.startMinute}–${s.endMinute} ${s.validFrom ?? 'toujours'}–${s.validTo ?? 'toujours'} ${s.pupilIds.join(',')}`);
const panel = (): Promise<HTMLElement> => screen.findByRole('form', { name: 'Créneau' });
const toPlace = (): HTMLElement => screen.getByRole('region', { name: 'À placer' });

describe('replacing an absent AESH', () => {
  it('makes another AESH’s choice a replacement for the day of the absence, and leaves the weekly slot to the absent AESH', async () => {
    const { user, api } = await renderApp(absentOnTuesday);
    await goTo(user, 'Emplois du temps');
    const hatched = await screen.findByRole('gridcell', { name: /^8 h 30 – 11 h 30, École Jean Moulin, AESH absent\(e\)/ });
    hatched.focus();
    await user.keyboard('{Enter}');
    const form = await panel();
    expect(within(form).getByText(/Absence de Sophie Durand le 24\/11\/2026 : choisir un autre AESH crée un remplacement pour ce jour seulement/)).toBeTruthy();

    const paul = within(screen.getByRole('region', { name: 'AESH suggérés' })).getAllByRole('listitem').find((li) => li.textContent?.includes('Paul Roux'))!;
    await user.click(within(paul).getByRole('button', { name: 'Choisir' }));
    const replacement = await panel();
    expect(screen.getByRole('complementary', { name: 'Remplacement du 24/11/2026' })).toBeTruthy();
    expect(within(replacement).getByLabelText<HTMLInputElement>('Valable du').value).toBe('24/11/2026');
    expect(within(replacement).getByLabelText<HTMLInputElement>('au').value).toBe('24/11/2026');
    expect(within(replacement).getByText(/Aucun conflit/)).toBeTruthy();
    await user.click(within(replacement).getByRole('button', { name: 'Créer le remplacement' }));

    await waitFor(async () => expect(await slotsOf(api, paulId)).toEqual([`2 510–690 2026-11-24–2026-11-24 ${ids.pupilId}`]));
    expect(await slotsOf(api, ids.aeshId)).toEqual([`2 510–690 toujours–toujours ${ids.pupilId}`]);
    await waitFor(() => expect(within(toPlace()).queryByText('Léa Martin')).toBeNull());
    // The week after, Sophie is back with Léa.
    await user.click(screen.getByRole('button', { name: 'Semaine suivante' }));
    expect(await screen.findByRole('gridcell', { name: /^8 h 30 – 11 h 30, École Jean Moulin$/ })).toBeTruthy();
  });

  it('places a pupil losing time to an absence with a replacement for that day, never with the absent AESH', async () => {
    const { user, api } = await renderApp(absentOnTuesday);
    await goTo(user, 'Emplois du temps');
    expect(await within(await screen.findByRole('region', { name: 'À placer' })).findByText(/absence non remplacée/)).toBeTruthy();
    await user.click(within(toPlace()).getByRole('button', { name: 'Placer Léa Martin' }));
    const form = await panel();
    expect(within(form).getByLabelText<HTMLSelectElement>('AESH').value).toBe('');
    expect(within(form).getByLabelText<HTMLInputElement>('Valable du').value).toBe('24/11/2026');
    expect(within(form).getByLabelText<HTMLInputElement>('au').value).toBe('24/11/2026');
    const suggested = within(screen.getByRole('region', { name: 'AESH suggérés' })).getAllByRole('listitem').map((li) => li.querySelector('strong')!.textContent);
    expect(suggested).toEqual(['Paul Roux']);
    await user.click(within(form).getByRole('button', { name: 'Choisir' }));
    await user.click(within(await panel()).getByRole('button', { name: 'Créer le remplacement' }));

    await waitFor(async () => expect(await slotsOf(api, paulId)).toEqual([`2 510–690 2026-11-24–2026-11-24 ${ids.pupilId}`]));
    expect(await slotsOf(api, ids.aeshId)).toEqual([`2 510–690 toujours–toujours ${ids.pupilId}`]);
  });
});

describe('drawing the week', () => {
  it('draws overlapping slots side by side, each with its conflict', async () => {
    const { user } = await renderApp(async (a) => {
      await record(a);
      for (const [start, end] of [['08:30', '11:30'], ['09:30', '10:30']] as const) {
        await a('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday: 1, startMinute: start, endMinute: end, pupilIds: [ids.pupilId] });
      }
    });
    await goTo(user, 'Emplois du temps');
    const long = await screen.findByRole('gridcell', { name: /^8 h 30 – 11 h 30, École Jean Moulin, 1 conflit$/ });
    const short = screen.getByRole('gridcell', { name: /^9 h 30 – 10 h 30, École Jean Moulin, 1 conflit$/ });
    for (const cell of [long, short]) {
      expect(cell.className).toContain('conflict-critique');
      expect(cell.getAttribute('title')).toMatch(/placé\(e\) deux fois à la fois/);
      expect(cell.getAttribute('title')).not.toMatch(/pour aller de/);
      expect(cell.style.width).toBe('calc(50% - 6px)');
    }
    expect([long.style.left, short.style.left]).toEqual(['calc(0% + 3px)', 'calc(50% + 3px)']);
  });
});

describe('times and dates typed backwards', () => {
  it('keeps the slot editor open with the error on the end time, and draws nothing backwards', async () => {
    const { user, api } = await renderApp(record);
    await goTo(user, 'Emplois du temps');
    await user.click(await screen.findByRole('button', { name: 'Nouveau créneau' }));
    const form = await panel();
    await user.click(within(form).getByRole('checkbox', { name: /Léa Martin/ }));
    const start = within(form).getByLabelText('Début');
    const end = within(form).getByLabelText('Fin');
    await user.clear(start);
    await user.type(start, '12:00');
    await user.clear(end);
    await user.type(end, '10:00');

    expect(within(form).getByRole('alert').textContent).toBe('La fin doit venir après le début (12 h).');
    expect(end.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('gridcell', { name: /^8 h 30 – 11 h 30/ })).toBeTruthy();
    expect(screen.queryByRole('gridcell', { name: /12 h – 10 h/ })).toBeNull();
    expect(screen.getByRole('region', { name: 'AESH suggérés' }).textContent).not.toMatch(/12 h–10 h/);
    await user.click(within(form).getByRole('button', { name: 'Créer le créneau' }));
    expect(screen.getByRole('form', { name: 'Créneau' })).toBeTruthy();
    expect(await api('slots.list', { aeshId: ids.aeshId })).toEqual([]);

    // Put right, the pair reaches the draft at once.
    await user.clear(end);
    await user.type(end, '14:00');
    expect(within(form).queryByRole('alert')).toBeNull();
    expect(screen.getByRole('gridcell', { name: /^12 h – 14 h/ })).toBeTruthy();
  });

  it('keeps the absence form open with the error on its end date', async () => {
    const { user, api } = await renderApp(record);
    await goTo(user, 'Emplois du temps');
    await user.click(await screen.findByRole('button', { name: 'Absence' }));
    const dialog = screen.getByRole('dialog', { name: 'Absence' });
    await user.clear(within(dialog).getByLabelText('Du'));
    await user.type(within(dialog).getByLabelText('Du'), '25/11/2026');
    await user.clear(within(dialog).getByLabelText('au'));
    await user.type(within(dialog).getByLabelText('au'), '23/11/2026');
    expect(within(dialog).getByRole('alert').textContent).toBe('La fin de l’absence doit suivre son début (25/11/2026).');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer l’absence' }));
    expect(screen.getByRole('dialog', { name: 'Absence' })).toBeTruthy();
    expect((await api('aesh.get', { id: ids.aeshId })).absences).toEqual([]);
  });
});

describe('the keyboard in the week', () => {
  it('keeps the focus on a slot moved to another day, undoes and redoes with Ctrl+Z and Ctrl+Shift+Z / Ctrl+Y, closes the panel with Escape', async () => {
    const { user, api } = await renderApp(async (a) => {
      await record(a);
      await a('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday: 1, startMinute: '08:30', endMinute: '11:30', pupilIds: [ids.pupilId] });
    });
    const weekday = async (): Promise<number> => (await api('slots.list', { aeshId: ids.aeshId }))[0]!.weekday;
    await goTo(user, 'Emplois du temps');
    (await screen.findByRole('gridcell', { name: /^8 h 30 – 11 h 30/ })).focus();
    await user.keyboard('{ArrowRight}');
    await waitFor(async () => expect(await weekday()).toBe(2));
    await waitFor(() => expect(document.activeElement).toBe(within(screen.getByTestId(`lane-2-a${ids.aeshId}`)).getByRole('gridcell')));
    // Still focused: the next arrow moves it on.
    await user.keyboard('{ArrowRight}');
    await waitFor(async () => expect(await weekday()).toBe(3));
    await waitFor(() => expect(document.activeElement).toBe(within(screen.getByTestId(`lane-3-a${ids.aeshId}`)).getByRole('gridcell')));

    await user.keyboard('{Control>}z{/Control}');
    await waitFor(async () => expect(await weekday()).toBe(2));
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await waitFor(async () => expect(await weekday()).toBe(3));
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(async () => expect(await weekday()).toBe(2));
    await user.keyboard('{Control>}y{/Control}');
    await waitFor(async () => expect(await weekday()).toBe(3));

    // In a field, Ctrl+Z belongs to the text; Escape closes the panel.
    (await screen.findByRole('gridcell', { name: /^8 h 30 – 11 h 30/ })).focus();
    await user.keyboard('{Enter}');
    const end = within(await panel()).getByLabelText('Fin');
    await user.click(end);
    await user.keyboard('{Control>}z{/Control}');
    expect(await weekday()).toBe(3);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Créneau' })).toBeNull());
    expect(screen.getByRole('complementary', { name: 'Compteurs' })).toBeTruthy();
  });
});

describe('the journal', () => {
  it('names what changed and who changed it in French', async () => {
    const { user } = await renderApp(async (a) => {
      await record(a);
      const other = await a('poles.create', { code: 'PIAL-T2', name: 'PIAL voisin', kind: 'PIAL_1D' });
      await a('snapshots.create', { date: '2026-11-23', label: 'Toussaint' });
      await a('repartition.move', { moves: [{ aeshId: paulId, toPoleId: other.id, date: '2026-11-30' }] });
    }, ':memory:', { actor: 'jean.dupont' });
    await goTo(user, 'Paramètres');
    const journal = await screen.findByRole('table', { name: 'Journal des modifications' });
    await within(journal).findByText('Création — relevé n° 1');
    expect(within(journal).getByText('Création — déplacement d’AESH n° 1')).toBeTruthy();
    expect(journal.textContent).not.toMatch(/snapshots|aeshMoves|jean\.dupont/);
    expect(within(journal).getAllByRole<HTMLTableRowElement>('row')[1]!.cells[1]!.textContent).toBe('Vous (application) — session Jean Dupont');
  });

  it('shows the command line’s changes as such', async () => {
    const { user } = await renderApp(record, ':memory:', { actor: 'cli:root' });
    await goTo(user, 'Paramètres');
    const journal = await screen.findByRole('table', { name: 'Journal des modifications' });
    await waitFor(() => expect(within(journal).getAllByRole<HTMLTableRowElement>('row')[1]!.cells[1]!.textContent).toBe('Ligne de commande — session administrateur'));
    expect(journal.textContent).not.toMatch(/cli:root/);
  });
});
