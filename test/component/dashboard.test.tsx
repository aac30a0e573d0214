// Tableau de bord and Répartition over the real services, on a hand-made record of two pôles.
// Today is Monday 23/11/2026.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ApiCall } from '../../shared/api/contract.ts';
import { formatHours, parseHours } from '../../shared/domain/hours.ts';
import { makeUai } from '../../shared/domain/uai.ts';
import { trendPoints } from '../../renderer/src/dashboard/Charts.tsx';
import { seedBasics } from '../support/record.ts';
import { readBack } from '../support/workbook.ts';
import { goTo, renderApp } from './render.tsx';

/**
 * PIAL-T1: Léa, 12 h notified, 9 h planned with Sophie (24 h CDI), who is away on Tuesday.
 * PIAL-T2: Tom (10 h individual) and Jade (shared) wait for an AESH; Karim (21 h CDD) has no slot.
 */
async function twoPoles(api: ApiCall): Promise<void> {
  const ids = await seedBasics(api);
  await api('notifications.create', { pupilId: ids.pupilId, kind: 'individual', weeklyHours: 12, startDate: '2026-09-01', endDate: '2028-08-31' });
  await api('contracts.create', { aeshId: ids.aeshId, kind: 'CDI', startDate: '2020-09-01', weeklyHours: 24 });
  for (const weekday of [1, 2, 4]) {
    await api('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday, startMinute: '08:30', endMinute: '11:30', pupilIds: [ids.pupilId] });
  }
  await api('absences.create', { aeshId: ids.aeshId, startDate: '2026-11-24', endDate: '2026-11-24', reason: 'Formation' });
  const pole = await api('poles.create', { code: 'PIAL-T2', name: 'PIAL de Gordes', kind: 'PIAL_1D' });
  const school = await api('schools.create', { uai: makeUai('0840002'), name: 'École de Gordes', kind: 'primaire', commune: 'Gordes', poleId: pole.id });
  const tom = await api('pupils.create', { identifier: '2025-0002', lastName: 'Roux', firstName: 'Tom', schoolId: school.id, level: 'CM1' });
  await api('notifications.create', { pupilId: tom.id, kind: 'individual', weeklyHours: 10, startDate: '2026-10-01', endDate: '2028-08-31' });
  const jade = await api('pupils.create', { identifier: '2025-0003', lastName: 'Lambert', firstName: 'Jade', schoolId: school.id, level: 'CP' });
  await api('notifications.create', { pupilId: jade.id, kind: 'shared', startDate: '2026-11-02', endDate: '2028-08-31' });
  const karim = await api('aesh.create', { matricule: 'A002', lastName: 'Benoît', firstName: 'Karim', poleId: pole.id });
  await api('contracts.create', { aeshId: karim.id, kind: 'CDD', startDate: '2025-09-01', endDate: '2028-08-31', weeklyHours: 21 });
}

const figureValue = (label: string): string => within(screen.getByRole('group', { name: label })).getAllByText(/\d/)[0]!.textContent;
/** A figure as the export writes it: hours as decimal hours, counts and ETP as numbers. */
function readFigure(text: string): number {
  const sign = text.startsWith('−') ? -1 : 1;
  const plain = text.replace('−', '').replace(/[\u202f\s]/g, ' ').trim();
  if (/h/.test(plain)) return (sign * parseHours(plain.replace(/(\d) (\d)/g, '$1$2'))!) / 60;
  return sign * Number(plain.replace(/ /g, '').replace(',', '.'));
}

const FIGURES_IN_EXPORT: readonly [figure: string, column: string][] = [
  ['élèves notifiés', 'Élèves notifiés'],
  ['accompagnés en totalité', 'Accompagnés en totalité'],
  ['accompagnés en partie', 'Accompagnés en partie'],
  ['sans AESH', 'Sans AESH'],
  ['notifiées', 'Heures notifiées (individuelles)'],
  ['planifiées', 'Heures planifiées'],
  ['réalisées (après absences)', 'Heures réalisées'],
  ['AESH sous contrat', 'AESH sous contrat'],
  ['ETP', 'ETP'],
  ['heures au contrat', 'Heures au contrat'],
  ['heures disponibles', 'Heures disponibles'],
];

describe('Tableau de bord', () => {
  it('shows for the département and for each pôle exactly the figures of the dashboards export of the same date', async () => {
    const { user, api } = await renderApp(twoPoles);
    const [header, ...rows] = readBack((await api('exchange.export', { kind: 'dashboards', date: '2026-11-23' })).dataBase64)['Synthèse']!;
    const column = (name: string): number => (header as string[]).indexOf(name);
    await screen.findByRole('group', { name: 'élèves notifiés' });
    for (const [choice, code] of [['Tout le département', 'Département'], ['PIAL-T1 — PIAL de test', 'PIAL-T1'], ['PIAL-T2 — PIAL de Gordes', 'PIAL-T2']] as const) {
      await user.selectOptions(screen.getByRole('combobox', { name: 'Pôle' }), choice);
      const exported = rows.find((r) => r[0] === code)!;
      await waitFor(() => expect(readFigure(figureValue('élèves notifiés'))).toBe(exported[column('Élèves notifiés')]));
      for (const [figure, name] of FIGURES_IN_EXPORT) {
        expect({ code, figure, value: readFigure(figureValue(figure)) }).toEqual({ code, figure, value: exported[column(name)] });
      }
    }
    // The record is such that the comparison means something: nothing is zero everywhere.
    const total = rows.find((r) => r[0] === 'Département')!;
    expect([total[column('Accompagnés en partie')], total[column('Sans AESH')], total[column('Heures réalisées')], total[column('Heures disponibles')]]).toEqual([1, 2, 6, 36]);
  });

  it('opens the list behind a pôle’s “sans AESH” figure, as long as the figure says, and the pupil from it', async () => {
    const { user } = await renderApp(twoPoles);
    await screen.findByRole('group', { name: 'sans AESH' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Pôle' }), 'PIAL-T2 — PIAL de Gordes');
    await waitFor(() => expect(figureValue('sans AESH')).toBe('2'));
    await user.click(within(screen.getByRole('group', { name: 'sans AESH' })).getByRole('button'));
    const panel = await screen.findByRole('complementary', { name: 'Élèves notifiés sans AESH — PIAL-T2' });
    const list = await within(panel).findByRole('table', { name: 'Élèves notifiés sans AESH — PIAL-T2' });
    const names = within(list).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell')[0]!.textContent);
    expect(names).toEqual(['Jade Lambert', 'Tom Roux']);
    expect(within(panel).getByText('2 élèves')).toBeTruthy();

    await user.click(within(list).getByText('Tom Roux'));
    expect(await screen.findByRole('complementary', { name: 'Tom Roux' })).toBeTruthy();
  });

  it('opens from the table the pupils of a degree without AESH', async () => {
    const { user } = await renderApp(twoPoles);
    const row = within(await screen.findByRole('table', { name: 'Élèves par aide et par degré' })).getByRole('row', { name: /^1er degré/ });
    await user.click(within(row).getByRole('button', { name: '2' }));
    const list = await screen.findByRole('table', { name: 'Élèves notifiés du 1er degré sans AESH — département' });
    expect(within(list).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[0]!.textContent)).toEqual(['Jade Lambert', 'Tom Roux']);
  });

  it('lists the AESH behind the headcount with their spare hours', async () => {
    const { user } = await renderApp(twoPoles);
    await user.click(within(await screen.findByRole('group', { name: 'AESH sous contrat' })).getByRole('button'));
    const list = await screen.findByRole('table', { name: 'AESH sous contrat — département' });
    const rows = within(list).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([
      ['Karim Benoît', 'A002', 'PIAL de Gordes PIAL-T2', 'CDD', '21 h', '0 h', '21 h'],
      ['Sophie Durand', 'A001', 'PIAL de test PIAL-T1', 'CDI', '24 h', '9 h', '15 h'],
    ]);
  });

  it('keeps the targets the user sets, and refuses an impossible one without losing what was typed', async () => {
    const { user, api } = await renderApp(twoPoles);
    await user.click(await screen.findByText('Objectifs'));
    const form = screen.getByRole('form', { name: 'Objectifs' });
    await user.clear(within(form).getByLabelText('Objectif 1 (%)'));
    await user.type(within(form).getByLabelText('Objectif 1 (%)'), '120');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer les objectifs' }));
    expect(await within(form).findByRole('alert')).toHaveProperty('textContent', expect.stringMatching(/ligne 1 : Nombre entre 0 et 100 attendu/));
    expect(within(form).getByLabelText<HTMLInputElement>('Objectif 1 (%)').value).toBe('120');
    expect((await api('settings.get', {})).coverageTargets[0]).toEqual({ label: 'Rentrée', percent: 90 });

    await user.clear(within(form).getByLabelText('Objectif 1 (%)'));
    await user.type(within(form).getByLabelText('Objectif 1 (%)'), '92');
    await user.click(within(form).getByRole('button', { name: 'Ajouter un objectif' }));
    await user.type(within(form).getByLabelText('Relevé 4'), '1er octobre');
    await user.type(within(form).getByLabelText('Objectif 4 (%)'), '90');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer les objectifs' }));
    await waitFor(async () => expect((await api('settings.get', {})).coverageTargets).toEqual([
      { label: 'Rentrée', percent: 92 }, { label: 'Toussaint', percent: 95 }, { label: 'Noël', percent: 100 }, { label: '1er octobre', percent: 90 },
    ]));
  });

  it('draws the trend of the saved snapshots, for the département or a pôle, against the target of each label', async () => {
    const { api } = await renderApp(twoPoles);
    await api('snapshots.create', { date: '2026-11-02', label: 'Toussaint' });
    await api('snapshots.create', { date: '2026-11-23', label: 'Point de novembre' });
    const snapshots = await api('snapshots.list', {});
    const targets = (await api('settings.get', {})).coverageTargets;
    expect(trendPoints(snapshots, null, targets)).toEqual([
      // On 02/11 Tom waits and Léa is partly served: none of the 2 notified pupils in full. Jade's notification starts that day.
      { label: 'Toussaint', date: '02/11/2026', full: 0, served: 33.3, target: 95 },
      { label: 'Point de novembre', date: '23/11/2026', full: 0, served: 33.3, target: null },
    ]);
    expect(trendPoints(snapshots, 'PIAL-T2', targets).map((p) => p.served)).toEqual([0, 0]);
  });
});

describe('Répartition', () => {
  // A pôle's row shows its name, and its code as secondary text.
  const row = (code: string): HTMLElement =>
    within(screen.getByRole('table', { name: 'Répartition par pôle' })).getAllByRole('row').find((r) => r.querySelector('th .secondary')?.textContent === code)!;
  const cells = (code: string): string[] => within(row(code)).getAllByRole('cell').map((c) => c.textContent ?? '');

  it('shows each pôle’s needs and capacity as the indicators count them, with the estimates and the recruitment need', async () => {
    const { user, api } = await renderApp(twoPoles);
    await goTo(user, 'Répartition');
    await screen.findByRole('table', { name: 'Répartition par pôle' });
    const indicators = await api('indicators.get', {});
    const t2 = indicators.poles.find((p) => p.poleCode === 'PIAL-T2')!;
    // Heures notifiées, mutualisées, ULIS, besoins, AESH, contrat, planifiées, solde h, solde ETP, en totalité, sans AESH, à recruter.
    expect(cells('PIAL-T2').slice(0, 12)).toEqual([
      formatHours(t2.hours.notifiedMinutes), '3 h', '0 h', '13 h', String(t2.aesh.headcount), formatHours(t2.aesh.contractMinutes),
      formatHours(t2.aesh.scheduledMinutes), '8 h', '+0,2', '0 / 2', String(t2.pupils.none), '—',
    ]);
    expect(cells('PIAL-T1').slice(7, 12)).toEqual(['12 h', '+0,31', '0 / 1', '0', '—']);
    expect(within(row('PIAL-T2')).getAllByRole('cell')[1]!.title).toBe('1 élève en aide mutualisée');

    // Shortest balance first, then the other way round.
    const order = (): (string | undefined)[] => within(screen.getByRole('table', { name: 'Répartition par pôle' })).getAllByRole('row').slice(1, 3).map((r) => r.querySelector('.secondary')?.textContent);
    expect(order()).toEqual(['PIAL-T2', 'PIAL-T1']);
    await user.click(screen.getByRole('button', { name: 'Solde (h) ▲' }));
    expect(order()).toEqual(['PIAL-T1', 'PIAL-T2']);
    expect(screen.getByRole('button', { name: 'Solde (h) ▼' })).toBeTruthy();
  });

  it('moves an AESH after showing both pôles’ balances before and after, and lists the amendment to make', async () => {
    const { user, api } = await renderApp(twoPoles);
    await goTo(user, 'Répartition');
    await user.click(await screen.findByRole('button', { name: 'Déplacer un AESH de PIAL-T1' }));
    const panel = screen.getByRole('complementary', { name: 'Déplacer un AESH de PIAL de test (PIAL-T1)' });
    await user.selectOptions(await within(panel).findByLabelText('AESH'), within(panel).getByRole('option', { name: /Sophie Durand/ }));
    await user.selectOptions(within(panel).getByLabelText('Vers le pôle'), within(panel).getByRole('option', { name: /PIAL-T2/ }));
    const date = within(panel).getByLabelText('À partir du');
    await user.clear(date);
    await user.type(date, '30/11/2026{Enter}');
    const effect = await within(panel).findByRole('region', { name: 'Effet du déplacement' });
    await waitFor(() => expect(effect.textContent).toContain('Sophie Durand quitte PIAL de test le 30/11/2026 : 3 créneaux y prennent fin la veille, 1 élève perd cet accompagnement'));
    const change = (code: string): string[] => within(within(effect).getByRole('row', { name: new RegExp(` ${code}`) })).getAllByRole('cell').map((c) => c.textContent ?? '');
    expect(change('PIAL-T1')).toEqual(['12 h → −12 h', '+0,31 → −0,31', '0 → 0', '0 → 1']);
    expect(change('PIAL-T2')).toEqual(['8 h → 32 h', '+0,2 → +0,82', '0 → 0', '2 → 2']);
    expect((await api('aesh.get', { id: 1 })).poleId).toBe(1);

    await user.click(within(panel).getByRole('button', { name: 'Confirmer le déplacement' }));
    const amendments = await screen.findByRole('table', { name: 'Avenants à établir' });
    expect(within(amendments).getByRole('row', { name: /Sophie Durand A001 PIAL de test PIAL-T1 PIAL de Gordes PIAL-T2 30\/11\/2026/ })).toBeTruthy();
    expect((await api('aesh.get', { id: 1 })).poleId).toBe(2);
    await user.click(within(amendments).getByRole('button', { name: 'Avenant établi' }));
    expect(await screen.findByText('Aucun avenant en attente.')).toBeTruthy();
  });

  it('tries moves in the what-if mode, writes nothing when they are discarded, and writes them all at once when kept', async () => {
    const { user, api } = await renderApp(twoPoles);
    await goTo(user, 'Répartition');
    await user.click(await screen.findByRole('checkbox', { name: 'Simulation' }));
    const journalBefore = (await api('app.info', {})).counts.journal;
    const tryMove = async (): Promise<void> => {
      await user.click(screen.getByRole('button', { name: 'Déplacer un AESH de PIAL-T2' }));
      const panel = screen.getByRole('complementary', { name: 'Déplacer un AESH de PIAL de Gordes (PIAL-T2)' });
      await user.selectOptions(await within(panel).findByLabelText('AESH'), within(panel).getByRole('option', { name: /Karim Benoît/ }));
      await user.selectOptions(within(panel).getByLabelText('Vers le pôle'), within(panel).getByRole('option', { name: /PIAL-T1/ }));
      await within(panel).findByRole('region', { name: 'Effet du déplacement' });
      await user.click(within(panel).getByRole('button', { name: 'Ajouter à la simulation' }));
    };
    await tryMove();
    const simulation = screen.getByRole('region', { name: 'Simulation' });
    await waitFor(() => expect(within(simulation).getAllByRole('listitem').map((item) => item.textContent)).toContainEqual(expect.stringMatching(/^Karim Benoît : PIAL de Gordes PIAL-T2 → PIAL de test PIAL-T1 au 23\/11\/2026/)));
    await waitFor(() => expect(cells('PIAL-T1')[5]).toBe('45 h'));
    expect(within(row('PIAL-T1')).getAllByRole('cell')[5]!.className).toContain('changed');
    expect(cells('PIAL-T2')[5]).toBe('0 h');

    await user.click(within(simulation).getByRole('button', { name: 'Tout abandonner' }));
    await waitFor(() => expect(cells('PIAL-T1')[5]).toBe('24 h'));
    expect((await api('app.info', {})).counts.journal).toBe(journalBefore);

    await user.click(screen.getByRole('checkbox', { name: 'Simulation' }));
    await tryMove();
    await user.click(within(screen.getByRole('region', { name: 'Simulation' })).getByRole('button', { name: 'Conserver le déplacement' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Simulation' })).toBeNull());
    expect(cells('PIAL-T1')[5]).toBe('45 h');
    const journal = await api('journal.list', { limit: 5 });
    expect(journal.filter((l) => l.changeId === journal[0]!.changeId).map((l) => l.entity).sort()).toEqual(['aesh', 'aeshMoves']);
  });
});
