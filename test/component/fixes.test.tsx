// From every gap to its fix (issue 16): each kind of action an alert or a record offers, over the
// real services. "Trouver un remplaçant" ranks the pôle's AESH for the absent slots of the week
// and writes dated replacements in one change; "Placer" opens the pupil's week with a slot drafted
// and the AESH suggested; "Ouvrir la semaine" opens the AESH's week on the slot in conflict;
// "Ouvrir la fiche" opens the record; "Clore la notification…" closes the previous decision.
import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiCall } from '../../shared/api/contract.ts';
import { useUi } from '../../renderer/src/store.ts';
import { seedBasics } from '../support/record.ts';
import { goTo, renderApp } from './render.tsx';

// The services' clock is stopped at Monday 23 November 2026 (test/support/record.ts); the
// renderer is set to the same day, so the week shown is 23–28 November whatever the real date.
beforeEach(() => useUi.setState({ date: '2026-11-23', today: '2026-11-23', opening: null }));

let ids: Awaited<ReturnType<typeof seedBasics>>;
let paulId = 0;
let karimId = 0;
/**
 * Léa (6 h notified) with Sophie Durand on Monday and Tuesday mornings every week; Sophie away
 * on Monday 23 and Tuesday 24 November. Paul Roux is free then; Karim Petit is in the school's
 * ULIS on Tuesday morning, so he could take Monday only.
 */
async function absentTwoDays(api: ApiCall): Promise<void> {
  ids = await seedBasics(api);
  await api('notifications.create', { pupilId: ids.pupilId, kind: 'individual', weeklyHours: 6, startDate: '2026-09-01', endDate: '2028-08-31' });
  await api('contracts.create', { aeshId: ids.aeshId, kind: 'CDI', startDate: '2020-09-01', weeklyHours: 24 });
  paulId = (await api('aesh.create', { matricule: 'A002', lastName: 'Roux', firstName: 'Paul', poleId: ids.poleId })).id;
  await api('contracts.create', { aeshId: paulId, kind: 'CDI', startDate: '2020-09-01', weeklyHours: 24 });
  karimId = (await api('aesh.create', { matricule: 'A003', lastName: 'Petit', firstName: 'Karim', poleId: ids.poleId })).id;
  await api('contracts.create', { aeshId: karimId, kind: 'CDI', startDate: '2020-09-01', weeklyHours: 24 });
  for (const weekday of [1, 2] as const) {
    await api('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday, startMinute: '08:30', endMinute: '11:30', pupilIds: [ids.pupilId] });
  }
  await api('slots.create', { aeshId: karimId, schoolId: ids.schoolId, weekday: 2, startMinute: '08:00', endMinute: '12:00', pupilIds: [], nature: 'ulis' });
  await api('absences.create', { aeshId: ids.aeshId, startDate: '2026-11-23', endDate: '2026-11-24', reason: 'formation' });
}

const slotsOf = async (api: ApiCall, aeshId: number): Promise<string[]> =>
  (await api('slots.list', { aeshId })).map((s) => `${s.weekday} ${s.startMinute}–${s.endMinute} ${s.validFrom ?? 'toujours'}–${s.validTo ?? 'toujours'} ${s.pupilIds.join(',')}`);
/** The action of the alert whose type is `label`, in Alertes. */
async function alertAction(label: string, action: string): Promise<HTMLElement> {
  const cell = await screen.findByText(label, { selector: 'strong' });
  const row = cell.closest<HTMLElement>('[role="row"]')!;
  return within(row).getByRole('button', { name: action });
}

describe('Trouver un remplaçant', () => {
  it('from the alert: ranks the AESH free during the absent slots and replaces both days in one undoable change', async () => {
    const { user, api } = await renderApp(absentTwoDays);
    await goTo(user, 'Alertes');
    await user.click(await alertAction('Absence non remplacée', 'Trouver un remplaçant'));

    const panel = await screen.findByRole('complementary', { name: 'Trouver un remplaçant' });
    expect(within(panel).getByText(/Absence de Sophie Durand du 23\/11\/2026 au 24\/11\/2026 \(formation\)/)).toBeTruthy();
    const absent = within(panel).getByRole('region', { name: 'Créneaux à remplacer' });
    expect(within(absent).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'lundi 23/11/2026, 8 h 30 – 11 h 30 · École Jean Moulin · Léa M.',
      'mardi 24/11/2026, 8 h 30 – 11 h 30 · École Jean Moulin · Léa M.',
    ]);
    const ranked = within(within(panel).getByRole('region', { name: 'Remplaçants possibles' })).getAllByRole('listitem');
    expect(ranked.map((li) => li.querySelector('strong')!.textContent)).toEqual(['Paul Roux', 'Karim Petit']);
    expect(ranked[0]!.textContent).toMatch(/prendrait les 2 créneaux \(6 h\)/);
    expect(ranked[0]!.textContent).toMatch(/24 h disponibles au contrat/);
    expect(ranked[1]!.textContent).toMatch(/prendrait 1 créneau sur 2 \(3 h\)/);
    expect(ranked[1]!.textContent).toMatch(/déjà occupé\(e\) 8 h–12 h à École Jean Moulin/);

    await user.click(within(panel).getByRole('button', { name: 'Choisir Paul Roux' }));
    await waitFor(async () => expect(await slotsOf(api, paulId)).toEqual([
      `1 510–690 2026-11-23–2026-11-23 ${ids.pupilId}`,
      `2 510–690 2026-11-24–2026-11-24 ${ids.pupilId}`,
    ]));
    expect(await slotsOf(api, ids.aeshId)).toEqual([`1 510–690 toujours–toujours ${ids.pupilId}`, `2 510–690 toujours–toujours ${ids.pupilId}`]);
    expect(await within(panel).findByText('Aucun créneau de Sophie Durand n’attend de remplaçant cette semaine.')).toBeTruthy();

    // Sophie's week says who replaces her, the legend what the hatching means.
    const replaced = screen.getAllByRole('gridcell', { name: /^8 h 30 – 11 h 30, École Jean Moulin, AESH absent\(e\), remplacé\(e\) par Paul R\./ });
    expect(replaced.map((cell) => cell.closest('[role="rowgroup"]')!.getAttribute('aria-label'))).toEqual(['lundi 23/11/2026', 'mardi 24/11/2026']);
    expect(replaced[0]!.textContent).toMatch(/remplacé\(e\) par Paul R\./);
    expect(within(screen.getByRole('list', { name: 'Légende' })).getByText(/Hachuré : AESH absent\(e\) ce jour-là/)).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Un AESH', { selector: 'select' }), String(paulId));
    await waitFor(() => expect(screen.getAllByRole('gridcell').map((c) => c.getAttribute('aria-label'))).toEqual(['8 h 30 – 11 h 30, École Jean Moulin, remplace Sophie D.', '8 h 30 – 11 h 30, École Jean Moulin, remplace Sophie D.']));

    // One undo takes both replacements back.
    await user.click(screen.getByRole('button', { name: '↶ Annuler' }));
    await waitFor(async () => expect(await slotsOf(api, paulId)).toEqual([]));
  });

  it('from the AESH’s record and from the absence in her week', async () => {
    const { user } = await renderApp(absentTwoDays);
    await goTo(user, 'AESH');
    await user.click(await screen.findByText('Durand'));
    const fixes = await screen.findByRole('region', { name: 'Que faire ?' });
    await user.click(await within(fixes).findByRole('button', { name: 'Trouver un remplaçant — Absence non remplacée' }));
    expect(await screen.findByRole('complementary', { name: 'Trouver un remplaçant' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Fermer le panneau' }));

    await user.click(screen.getByRole('button', { name: 'Absence' }));
    const absences = await within(screen.getByRole('dialog', { name: 'Absence' })).findByRole('region', { name: 'Absences à remplacer' });
    await user.click(within(absences).getByRole('button', { name: 'Trouver un remplaçant' }));
    expect(within(await screen.findByRole('complementary', { name: 'Trouver un remplaçant' })).getAllByRole('button', { name: /^Choisir/ })).toHaveLength(2);
  });
});

describe('the other fixes', () => {
  it('"Placer" opens the pupil’s week with a slot drafted and the AESH suggested', async () => {
    let tomId = 0;
    const { user } = await renderApp(async (api) => {
      await absentTwoDays(api);
      tomId = (await api('pupils.create', { identifier: '2025-0002', lastName: 'Bernard', firstName: 'Tom', schoolId: ids.schoolId })).id;
      await api('notifications.create', { pupilId: tomId, kind: 'individual', weeklyHours: 3, startDate: '2026-09-01', endDate: '2028-08-31' });
    });
    await goTo(user, 'Alertes');
    await user.click(await alertAction('Élève sans AESH', 'Placer'));
    expect(await screen.findByRole('heading', { name: 'Emplois du temps' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Un élève' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByLabelText<HTMLSelectElement>('Un élève', { selector: 'select' }).value).toBe(String(tomId));
    const form = await screen.findByRole('form', { name: 'Créneau' });
    expect(within(form).getByRole('checkbox', { name: /Tom Bernard/ })).toHaveProperty('checked', true);
    const suggested = within(screen.getByRole('region', { name: 'AESH suggérés' })).getAllByRole('listitem').map((li) => li.querySelector('strong')!.textContent);
    expect(suggested).toEqual(expect.arrayContaining(['Paul Roux', 'Karim Petit']));
  });

  it('"Ouvrir la semaine" opens the AESH’s week on the slot in conflict', async () => {
    const { user } = await renderApp(async (api) => {
      await absentTwoDays(api);
      await api('slots.create', { aeshId: paulId, schoolId: ids.schoolId, weekday: 1, startMinute: '09:00', endMinute: '10:00', pupilIds: [ids.pupilId] });
      await api('slots.create', { aeshId: paulId, schoolId: ids.schoolId, weekday: 1, startMinute: '09:30', endMinute: '11:00', pupilIds: [], nature: 'ulis' });
    });
    await goTo(user, 'Alertes');
    await user.click(await alertAction('AESH à deux endroits à la fois', 'Ouvrir la semaine'));
    expect(screen.getByLabelText<HTMLSelectElement>('Un AESH', { selector: 'select' }).value).toBe(String(paulId));
    expect(await screen.findByRole('complementary', { name: 'Créneau du 23/11/2026' })).toBeTruthy();
    expect(screen.getByRole('gridcell', { selected: true }).getAttribute('aria-label')).toMatch(/^9 h – 10 h, .*1 conflit/);
  });

  it('"Ouvrir la fiche" opens the record where the fix is made', async () => {
    const { user } = await renderApp(async (api) => {
      await absentTwoDays(api);
      const ines = await api('aesh.create', { matricule: 'A004', lastName: 'Blanc', firstName: 'Inès', poleId: ids.poleId });
      await api('contracts.create', { aeshId: ines.id, kind: 'CDD', startDate: '2026-09-01', endDate: '2027-01-31', weeklyHours: 20 });
      await api('slots.create', { aeshId: ines.id, schoolId: ids.schoolId, weekday: 4, startMinute: '09:00', endMinute: '11:00', pupilIds: [], nature: 'ulis' });
    });
    await goTo(user, 'Alertes');
    await user.click(await alertAction('Fin de contrat', 'Ouvrir la fiche'));
    expect(await screen.findByRole('complementary', { name: 'Inès Blanc' })).toBeTruthy();
  });

  it('"Clore la notification…" ends the previous decision the eve of the later one, after confirming', async () => {
    const { user, api } = await renderApp(async (a) => {
      await absentTwoDays(a);
      await a('notifications.create', { pupilId: ids.pupilId, kind: 'shared', startDate: '2026-11-02', endDate: '2028-08-31' });
    });
    await goTo(user, 'Alertes');
    await user.click(await alertAction('Notifications incompatibles', 'Clore la notification…'));
    await user.click(screen.getByRole('button', { name: 'Clore' }));
    await waitFor(async () => expect((await api('pupils.get', { id: ids.pupilId })).notifications.map((n) => `${n.kind} ${n.startDate}–${n.endDate}`).sort())
      .toEqual(['individual 2026-09-01–2026-11-01', 'shared 2026-11-02–2028-08-31']));
  });
});
