// The allocation assistant's screens over the real services: a proposal on a small pôle drawn as
// ghost slots with their reasons and the pôle's figures, accepted for one AESH and then for the
// rest, discarded, accepted in whole and undone, cancelled while it runs; the progress with the
// best proposal so far; the AESH ranked for one pupil; the replacements proposed for an absence;
// the hours a pôle still lacks as recruitment, in the draft and in Répartition.
import { render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../shared/api/allocation.ts';
import type { ApiCall } from '../../shared/api/contract.ts';
import { ApiContext } from '../../renderer/src/api.ts';
import { JobProgress } from '../../renderer/src/components/JobProgress.tsx';
import { useAssistant } from '../../renderer/src/allocation/store.ts';
import { useUi } from '../../renderer/src/store.ts';
import { seedBasics } from '../support/record.ts';
import { goTo, renderApp } from './render.tsx';

// The services' clock is stopped at Monday 23 November 2026 (test/support/record.ts); the
// renderer is set to the same day, so proposals apply from that Monday.
// The assistant's store outlives a test: a draft left open by one would show in the next one's
// Répartition, over another record.
beforeEach(() => {
  useUi.setState({ date: '2026-11-23', today: '2026-11-23' });
  useAssistant.setState({ stage: { kind: 'closed' } });
});

let ids: Awaited<ReturnType<typeof seedBasics>> & { hugoId: number; karimId: number };
/**
 * École Jean Moulin (4 days, 8 h 30–11 h 30 and 13 h 30–16 h 30): Léa 12 h and Hugo 9 h notified,
 * neither accompanied; Sophie Durand has 12 h under contract, Karim Petit 24 h. Sophie alone
 * cannot serve both pupils: the proposal needs the two AESH.
 */
async function record(api: ApiCall): Promise<void> {
  const basics = await seedBasics(api);
  const hugo = await api('pupils.create', { identifier: '2025-0002', lastName: 'Bernard', firstName: 'Hugo', schoolId: basics.schoolId, level: 'CM1' });
  const karim = await api('aesh.create', { matricule: 'A002', lastName: 'Petit', firstName: 'Karim', poleId: basics.poleId });
  await api('contracts.create', { aeshId: basics.aeshId, kind: 'CDI', startDate: '2020-09-01', weeklyHours: 12 });
  await api('contracts.create', { aeshId: karim.id, kind: 'CDI', startDate: '2020-09-01', weeklyHours: 24 });
  await api('notifications.create', { pupilId: basics.pupilId, kind: 'individual', weeklyHours: 12, startDate: '2026-09-01', endDate: '2028-08-31' });
  await api('notifications.create', { pupilId: hugo.id, kind: 'individual', weeklyHours: 9, startDate: '2026-09-01', endDate: '2028-08-31' });
  ids = { ...basics, hugoId: hugo.id, karimId: karim.id };
}

const slotsOf = async (api: ApiCall, aeshId: number): Promise<number> => (await api('slots.list', { aeshId })).length;
// A run starts the solver threads (HiGHS compiled in each) and gives the solver a second: on two
// busy cores that takes longer than the usual 5 s wait.
const RUN_MS = 20_000;
const assistant = (): Promise<HTMLElement> => screen.findByRole('complementary', { name: 'Proposition à valider' }, { timeout: RUN_MS });
const ghosts = (): HTMLElement[] => screen.queryAllByRole('gridcell', { name: /, proposé/ });

/** From Emplois du temps: "Proposer une répartition", the options as they are, "Lancer le calcul"; resolves with the draft's panel. */
async function propose(user: Awaited<ReturnType<typeof renderApp>>['user']): Promise<HTMLElement> {
  await goTo(user, 'Emplois du temps');
  await user.click(await screen.findByRole('button', { name: 'Proposer une répartition' }));
  const options = await screen.findByRole('form', { name: 'Options de la proposition' });
  expect(within(options).getByLabelText<HTMLInputElement>('S’applique à partir du').value).toBe('23/11/2026');
  expect(within(options).getByRole('radio', { name: /Garder tous les créneaux existants/ })).toHaveProperty('checked', true);
  await user.click(within(options).getByRole('button', { name: 'Lancer le calcul' }));
  return assistant();
}

describe('the allocation assistant in Emplois du temps', { timeout: 2 * RUN_MS }, () => {
  it('draws the proposal as ghost slots with their reasons and the pôle’s figures, accepts one AESH’s slots, then the rest', async () => {
    const { user, api } = await renderApp(record);
    const draft = await propose(user);

    // Sophie's week (the first AESH of the pôle) shows her proposed slots as ghosts, with a legend.
    await waitFor(() => expect(ghosts().length).toBeGreaterThan(0));
    expect(screen.getByRole('list', { name: 'Légende de la proposition' }).textContent).toMatch(/Proposé à partir du 23\/11\/2026/);
    const ghost = ghosts()[0]!;
    expect(ghost.className).toContain('slot-new');
    expect(ghost.getAttribute('aria-label')).toMatch(/^\d+ h( \d+)? – \d+ h( \d+)?, École Jean Moulin, proposé$/);
    const reason = document.getElementById(ghost.getAttribute('aria-describedby')!)!.textContent;
    expect(reason).toMatch(/(Léa|Hugo) .*manquantes/);

    // The figures before and after, and the bound.
    const figures = within(draft).getByRole('region', { name: 'Bilan PIAL-T1' });
    const row = (label: string): string[] => within(within(figures).getByRole('rowheader', { name: label }).closest('tr')!).getAllByRole('cell').map((c) => c.textContent);
    expect(row('Élèves sans AESH')).toEqual(['2', '0']);
    expect(row('Accompagnés en totalité')).toEqual(['0', '2']);
    expect(row('Heures individuelles couvertes')).toEqual(['0 h', '21 h']);
    expect(figures.textContent).toMatch(/Au plus 21 h atteignables/);

    // Every new slot is listed with its reason, by AESH; no pupil is left uncovered.
    const proposed = within(draft).getByRole('region', { name: 'Créneaux proposés' });
    expect(within(proposed).getByRole('checkbox', { name: /Sophie Durand/ })).toBeTruthy();
    expect(within(proposed).getByRole('checkbox', { name: /Karim Petit/ })).toBeTruthy();
    expect(within(draft).getByRole('region', { name: 'Élèves non couverts' }).textContent).toMatch(/Chaque élève notifié reçoit ses heures/);

    // Accept Karim's slots only: Sophie's stay unwritten, and stay in the draft and in her week as ghosts.
    const sophieGhosts = ghosts().length;
    await user.click(within(proposed).getByRole('button', { name: 'Tout décocher' }));
    const karimGroup = within(proposed).getByRole('checkbox', { name: /Karim Petit/ });
    await user.click(karimGroup);
    const karimSlots = Number(/(\d+) créneau/.exec(karimGroup.closest('label')!.textContent)![1]);
    await user.click(within(draft).getByRole('button', { name: `Accepter la sélection (${karimSlots} créneau${karimSlots > 1 ? 'x' : ''})` }));
    await waitFor(async () => expect(await slotsOf(api, ids.karimId)).toBe(karimSlots));
    expect(await slotsOf(api, ids.aeshId)).toBe(0);
    const rest = await assistant();
    await waitFor(() => expect(within(rest).queryByRole('checkbox', { name: /Karim Petit/ })).toBeNull());
    expect(within(rest).getByRole('checkbox', { name: /Sophie Durand/ })).toHaveProperty('checked', true);
    expect(within(rest).getByText(/déjà acceptés? ; le bilan reste celui de la proposition entière/)).toBeTruthy();
    expect(ghosts()).toHaveLength(sophieGhosts);

    // The rest, accepted later from the same draft: Sophie's ghosts become her slots.
    await user.click(within(rest).getByRole('button', { name: 'Tout accepter' }));
    await waitFor(async () => expect(await slotsOf(api, ids.aeshId)).toBe(sophieGhosts));
    await waitFor(() => expect(screen.queryByRole('complementary', { name: 'Proposition à valider' })).toBeNull());
    expect(ghosts()).toHaveLength(0);
    expect(await slotsOf(api, ids.karimId)).toBe(karimSlots);
  });

  it('writes nothing when the proposal is discarded', async () => {
    const { user, api } = await renderApp(record);
    const draft = await propose(user);
    await user.click(within(draft).getByRole('button', { name: 'Abandonner' }));
    expect(await screen.findByText('Proposition abandonnée. Aucune modification n’a été enregistrée.')).toBeTruthy();
    expect(ghosts()).toHaveLength(0);
    expect(await api('slots.list', {})).toHaveLength(0);
  });

  it('accepts the whole proposal in one change, which the editor’s undo takes back', async () => {
    const { user, api } = await renderApp(record);
    const draft = await propose(user);
    await user.click(within(draft).getByRole('button', { name: 'Tout accepter' }));
    await waitFor(async () => expect(await slotsOf(api, ids.aeshId) + await slotsOf(api, ids.karimId)).toBeGreaterThan(1));
    // The ghosts became the record's slots in Sophie's week.
    await waitFor(() => expect(ghosts()).toHaveLength(0));
    expect(screen.getAllByRole('gridcell').length).toBe(await slotsOf(api, ids.aeshId));
    const undo = screen.getByRole('button', { name: '↶ Annuler' });
    expect(undo.getAttribute('title')).toMatch(/^Proposition acceptée : \d+ créneaux ajoutés$/);
    await user.click(undo);
    await waitFor(async () => expect(await api('slots.list', {})).toHaveLength(0));
    await waitFor(() => expect(screen.queryAllByRole('gridcell')).toHaveLength(0));
  });

  it('cancels a run: the panel says nothing was written', async () => {
    const { user, api } = await renderApp(record);
    await goTo(user, 'Emplois du temps');
    await user.click(await screen.findByRole('button', { name: 'Proposer une répartition' }));
    await user.click(await screen.findByRole('button', { name: 'Lancer le calcul' }));
    const progress = await screen.findByRole('progressbar');
    expect(progress.getAttribute('aria-valuenow')).not.toBeNull();
    await user.click(within(screen.getByRole('complementary', { name: 'Calcul de la proposition' })).getByRole('button', { name: 'Annuler' }));
    expect(await screen.findByText('Calcul annulé. Aucune modification n’a été enregistrée.')).toBeTruthy();
    expect(ghosts()).toHaveLength(0);
    expect(await api('slots.list', {})).toHaveLength(0);
  });
});

describe('the progress of a job', () => {
  it('shows the steps done and the best proposal found so far while the job runs', async () => {
    // A status read in the middle of a run: a real solver on a small pôle ends between two readings.
    const running: JobStatus = {
      jobId: 'allocation-1-abc', kind: 'allocation', state: 'running', done: 6, total: 8,
      step: 'Pôle PIAL-T2 : borne calculée (1 / 2 pôles résolus)', error: null, best: { pupilsWithout: 3, missingMinutes: 750 },
    };
    const api = ((method: string) => (method === 'jobs.status' ? Promise.resolve(running) : Promise.reject(new Error(method)))) as ApiCall;
    render(<ApiContext.Provider value={api}><JobProgress jobId={running.jobId} label="Recherche de la meilleure répartition" onEnd={() => undefined} /></ApiContext.Provider>);
    expect((await screen.findByRole('status')).textContent).toBe('Meilleure proposition jusqu’ici : 3 élèves sans AESH, 12 h 30 individuelles manquantes');
    const bar = screen.getByRole('progressbar');
    expect([bar.getAttribute('aria-valuenow'), bar.getAttribute('aria-valuemax')]).toEqual(['6', '8']);
    expect(bar.getAttribute('aria-valuetext')).toBe('6 sur 8 — Pôle PIAL-T2 : borne calculée (1 / 2 pôles résolus)');
  });
});

describe('the assistant for one pupil and for an absence', { timeout: 2 * RUN_MS }, () => {
  it('ranks the AESH who could accompany a pupil, and drafts the slots with the one chosen', async () => {
    const { user, api } = await renderApp(record);
    await goTo(user, 'Emplois du temps');
    await user.click(await screen.findByRole('button', { name: 'Un élève' }));
    await user.selectOptions(screen.getByLabelText('Un élève', { selector: 'select' }), String(ids.pupilId));
    await user.click(screen.getByRole('button', { name: 'Qui peut accompagner cet élève ?' }));
    const ranked = await screen.findByRole('list', { name: 'AESH classés' });
    const karim = within(ranked).getAllByRole('listitem').find((li) => li.textContent.includes('Karim Petit'))!;
    expect(karim.textContent).toMatch(/couvrirait 12 h/);
    await user.click(within(karim).getByRole('button', { name: 'Choisir Karim Petit' }));

    // The draft holds Léa's hours with Karim only, drawn in her week.
    const draft = await assistant();
    expect(within(draft).getByText('Créneaux de Léa Martin avec Karim Petit')).toBeTruthy();
    await waitFor(() => expect(ghosts().length).toBeGreaterThan(0));
    expect(ghosts().every((g) => g.getAttribute('aria-label')!.includes('Karim Petit'))).toBe(true);
    await user.click(within(draft).getByRole('button', { name: 'Tout accepter' }));
    await waitFor(async () => expect((await api('slots.list', { aeshId: ids.karimId })).reduce((sum, s) => sum + s.endMinute - s.startMinute, 0)).toBe(12 * 60));
    expect(await api('slots.list', { aeshId: ids.aeshId })).toHaveLength(0);
  });

  it('proposes replacements for an absence, as slots of that day only', async () => {
    const { user, api } = await renderApp(async (a) => {
      await record(a);
      await a('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday: 2, startMinute: '08:30', endMinute: '11:30', pupilIds: [ids.pupilId] });
      await a('absences.create', { aeshId: ids.aeshId, startDate: '2026-11-24', endDate: '2026-11-24', reason: 'formation' });
    });
    await goTo(user, 'Emplois du temps');
    await user.selectOptions(await screen.findByLabelText('Un AESH', { selector: 'select' }), String(ids.aeshId));
    await user.click(screen.getByRole('button', { name: 'Absence' }));
    const absences = await within(screen.getByRole('dialog', { name: 'Absence' })).findByRole('region', { name: 'Absences à remplacer' });
    expect(absences.textContent).toMatch(/du 24\/11\/2026 au 24\/11\/2026 \(formation\)/);
    await user.click(within(absences).getByRole('button', { name: 'Proposer des remplaçants' }));

    const draft = await assistant();
    expect(within(draft).getByText('Remplaçants de Sophie Durand, absence du 24/11/2026 au 24/11/2026')).toBeTruthy();
    // Karim's week shows the replacement on Tuesday the 24th; the week after, nothing.
    await user.selectOptions(screen.getByLabelText('Un AESH', { selector: 'select' }), String(ids.karimId));
    await waitFor(() => expect(ghosts()).toHaveLength(1));
    expect(ghosts()[0]!.closest('[role="rowgroup"]')!.getAttribute('aria-label')).toBe('mardi 24/11/2026');
    expect(ghosts()[0]!.textContent).toMatch(/le 24\/11\/2026/);
    await user.click(screen.getByRole('button', { name: 'Semaine suivante' }));
    await waitFor(() => expect(ghosts()).toHaveLength(0));
    await user.click(screen.getByRole('button', { name: 'Semaine précédente' }));

    await user.click(within(draft).getByRole('button', { name: 'Tout accepter' }));
    await waitFor(async () => expect((await api('slots.list', { aeshId: ids.karimId })).map((s) => `${s.weekday} ${s.startMinute}–${s.endMinute} ${s.validFrom}–${s.validTo}`))
      .toEqual(['2 510–690 2026-11-24–2026-11-24']));
    expect(await api('slots.list', { aeshId: ids.aeshId })).toHaveLength(1);
  });
});

describe('the assistant from Répartition and from a pupil’s record', { timeout: 2 * RUN_MS }, () => {
  it('proposes for the pôles ticked in Répartition, and shows the draft in the pôle’s weeks', async () => {
    const { user } = await renderApp(record);
    await goTo(user, 'Répartition');
    const propose = await screen.findByRole('button', { name: 'Proposer une répartition' });
    expect(propose).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('checkbox', { name: 'Répartir PIAL-T1' }));
    expect(screen.getByRole('checkbox', { name: 'Tous les pôles' })).toHaveProperty('checked', true);
    await user.click(screen.getByRole('button', { name: 'Proposer une répartition (1)' }));
    await user.click(await screen.findByRole('button', { name: 'Lancer le calcul' }));
    const draft = await assistant();
    expect(within(draft).getByText('Tous les pôles')).toBeTruthy();
    await user.click(within(draft).getByRole('button', { name: 'Voir PIAL-T1 dans les emplois du temps' }));
    await screen.findByRole('heading', { name: 'Emplois du temps' });
    await waitFor(() => expect(ghosts().length).toBeGreaterThan(0));
    expect(screen.getByRole('complementary', { name: 'Proposition à valider' })).toBeTruthy();
  });

  it('turns the hours a pôle still lacks into recruitment, in the draft and in Répartition’s column', async () => {
    // Sophie's 6 h cannot serve Léa's 12 h and Inès's 12 h 30: the pôle lacks 18 h 30 whatever
    // the proposal. Hugo, in ULIS, adds Répartition's 24 h estimate for the unit, which the
    // assistant does not place: 42 h 30 short now (2 contracts of 24 h), 18 h 30 after (1).
    const { user } = await renderApp(async (api) => {
      const basics = await seedBasics(api);
      const ines = await api('pupils.create', { identifier: '2025-0003', lastName: 'Roux', firstName: 'Inès', schoolId: basics.schoolId, level: 'CE2' });
      await api('pupils.create', { identifier: '2025-0004', lastName: 'Bernard', firstName: 'Hugo', schoolId: basics.schoolId, level: 'CM1', ulis: true });
      await api('contracts.create', { aeshId: basics.aeshId, kind: 'CDI', startDate: '2020-09-01', weeklyHours: 6 });
      await api('notifications.create', { pupilId: basics.pupilId, kind: 'individual', weeklyHours: 12, startDate: '2026-09-01', endDate: '2028-08-31' });
      await api('notifications.create', { pupilId: ines.id, kind: 'individual', weeklyHours: '12 h 30', startDate: '2026-09-01', endDate: '2028-08-31' });
    });
    await goTo(user, 'Répartition');
    const table = await screen.findByRole('table', { name: 'Répartition par pôle' });
    // The recruitment column, last before the actions' (the département's row has an empty one too).
    const recruitCell = (row: HTMLElement): HTMLElement => within(row).getAllByRole('cell').at(-2)!;
    const pole = (): HTMLElement => within(table).getByRole('checkbox', { name: 'Répartir PIAL-T1' }).closest('tr')!;
    const total = (): HTMLElement => within(table).getByRole('rowheader', { name: 'Département' }).closest('tr')!;
    expect(recruitCell(pole()).textContent).toBe('2 (1,24 ETP)');

    await user.click(within(table).getByRole('checkbox', { name: 'Répartir PIAL-T1' }));
    await user.click(screen.getByRole('button', { name: 'Proposer une répartition (1)' }));
    await user.click(await screen.findByRole('button', { name: 'Lancer le calcul' }));
    const draft = await assistant();
    const figures = within(draft).getByRole('region', { name: 'Bilan PIAL-T1' });
    await waitFor(() => expect(within(figures).getByText(/^Heures que le pôle n’a pas/).textContent).toBe('Heures que le pôle n’a pas : 18 h 30 → 1 contrat de 24 h à recruter (0,62 ETP)'));

    // While the draft is open, Répartition shows the figure after it beside the current one.
    await waitFor(() => expect(recruitCell(pole()).textContent).toBe('2 → 1'));
    expect(recruitCell(pole()).title).toBe('après la proposition : les élèves restant sans heures, 1 contrat de 24 h à recruter (0,62 ETP)');
    expect(recruitCell(total()).textContent).toBe('2 → 1');
    // Discarded, the column reads as before.
    await user.click(within(draft).getByRole('button', { name: 'Abandonner' }));
    await waitFor(() => expect(recruitCell(pole()).textContent).toBe('2 (1,24 ETP)'));
  });

  it('opens the ranking from the pupil’s record in Élèves', async () => {
    const { user } = await renderApp(record);
    await goTo(user, 'Élèves');
    await user.click(await screen.findByText('Martin'));
    const ask = await screen.findByRole('button', { name: 'Qui peut accompagner cet élève ?' });
    await user.click(ask);
    const ranked = await screen.findByRole('list', { name: 'AESH classés' });
    expect(within(ranked).getAllByRole('listitem').map((li) => li.querySelector('strong')!.textContent)).toEqual(expect.arrayContaining(['Sophie Durand', 'Karim Petit']));
  });
});
