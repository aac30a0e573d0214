// The lists that scale: sort, filter, multi-word search, counts, the empty state, the export of
// what is shown, and what the user chose kept across screens and brought back by Back.
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { ApiCall } from '../../shared/api/contract.ts';
import { makeUai } from '../../shared/domain/uai.ts';
import { goTo, renderApp } from './render.tsx';

/**
 * Two pôles; Liam Brun waits for an AESH, Emma Brun is accompanied in full but her notification
 * ends within the notice, Liam Martin has no notification; two AESH, one of them Magali Arnaud.
 */
async function seed(api: ApiCall): Promise<void> {
  const apt = await api('poles.create', { code: 'PIAL-A', name: 'Pôle Apt Luberon', kind: 'PIAL_1D' });
  const cav = await api('poles.create', { code: 'PIAL-C', name: 'Pôle Cavaillon', kind: 'PIAL_1D' });
  const moulin = await api('schools.create', { uai: makeUai('0840001'), name: 'École Jean Moulin', kind: 'elementaire', commune: 'Apt', poleId: apt.id });
  const ferry = await api('schools.create', { uai: makeUai('0840002'), name: 'École Jules Ferry', kind: 'elementaire', commune: 'Cavaillon', poleId: cav.id });
  const liam = await api('pupils.create', { identifier: '2025-0001', lastName: 'Brun', firstName: 'Liam', schoolId: moulin.id, level: 'CE1' });
  await api('pupils.create', { identifier: '2025-0002', lastName: 'Martin', firstName: 'Liam', schoolId: moulin.id, level: 'CP' });
  const emma = await api('pupils.create', { identifier: '2025-0003', lastName: 'Brun', firstName: 'Emma', schoolId: ferry.id, level: 'CM1' });
  await api('notifications.create', { pupilId: liam.id, kind: 'individual', weeklyHours: 12, startDate: '2026-09-01', endDate: '2028-08-31' });
  await api('notifications.create', { pupilId: emma.id, kind: 'individual', weeklyHours: 3, startDate: '2026-09-01', endDate: '2026-12-18' });
  const magali = await api('aesh.create', { matricule: 'A001', lastName: 'Arnaud', firstName: 'Magali', poleId: cav.id });
  await api('aesh.create', { matricule: 'A002', lastName: 'Magnan', firstName: 'Arnaud', poleId: apt.id });
  await api('contracts.create', { aeshId: magali.id, kind: 'CDI', startDate: '2020-09-01', weeklyHours: 24 });
  await api('slots.create', { aeshId: magali.id, schoolId: ferry.id, weekday: 1, startMinute: '08:30', endMinute: '11:30', pupilIds: [emma.id] });
}

const table = (name: string): Promise<HTMLElement> => screen.findByRole('table', { name });
/** The text of each data row's first cells, as shown. */
const rowsOf = (list: HTMLElement, cells = 3): string[] =>
  within(list).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell').slice(0, cells).map((c) => c.textContent).join(' '));

// The export offers its bytes as a download: jsdom has no object URLs, so the test keeps the blob.
let downloaded: Blob[] = [];
beforeEach(() => {
  downloaded = [];
  URL.createObjectURL = (blob: Blob | MediaSource): string => {
    downloaded.push(blob as Blob);
    return 'blob:planif-test';
  };
  URL.revokeObjectURL = (): void => {};
});
afterEach(() => history.replaceState(null, ''));

describe('searching a list', () => {
  it('finds a pupil by first name and name together, in any order, without accents', async () => {
    const { user } = await renderApp(seed);
    await goTo(user, 'Élèves');
    const list = await table('Élèves');
    const search = screen.getByRole('searchbox', { name: 'Rechercher un élève' });
    await user.type(search, 'Liam Brun');
    await waitFor(() => expect(rowsOf(list)).toEqual(['Brun Liam 2025-0001']));
    await user.clear(search);
    await user.type(search, 'brun  LIAM');
    await waitFor(() => expect(rowsOf(list)).toEqual(['Brun Liam 2025-0001']));
    await user.clear(search);
    await user.type(search, 'brun ferry');
    await waitFor(() => expect(rowsOf(list)).toEqual(['Brun Emma 2025-0003']));
    await user.clear(search);
    await user.type(search, 'ecole pole apt');
    await waitFor(() => expect(rowsOf(list)).toEqual(['Brun Liam 2025-0001', 'Martin Liam 2025-0002']));
  });

  it('finds an AESH by first name and name', async () => {
    const { user } = await renderApp(seed);
    await goTo(user, 'AESH');
    const list = await table('AESH');
    await user.type(screen.getByRole('searchbox', { name: 'Rechercher un AESH' }), 'Magali Arnaud');
    await waitFor(() => expect(rowsOf(list)).toEqual(['Arnaud Magali A001']));
  });

  it('says when nothing matches, and clears the search and the filters', async () => {
    const { user } = await renderApp(seed);
    await goTo(user, 'Élèves');
    await table('Élèves');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filtrer par pôle' }), 'PIAL-A');
    await user.type(screen.getByRole('searchbox', { name: 'Rechercher un élève' }), 'Liam Brunx');
    expect(await screen.findByText('Aucun élève ne correspond à « Liam Brunx » avec ces filtres.')).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Élèves' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Effacer la recherche et les filtres' }));
    expect(rowsOf(await table('Élèves'))).toHaveLength(3);
    expect((screen.getByRole<HTMLInputElement>('searchbox', { name: 'Rechercher un élève' })).value).toBe('');
    expect((screen.getByRole<HTMLSelectElement>('combobox', { name: 'Filtrer par pôle' })).value).toBe('');
  });
});

describe('sorting and filtering', () => {
  it('sorts by a column from its header, one way then the other', async () => {
    const { user } = await renderApp(seed);
    await goTo(user, 'Élèves');
    const list = await table('Élèves');
    const header = within(list).getByRole('columnheader', { name: /Prénom/ });
    expect(header.getAttribute('aria-sort')).toBe('none');
    await user.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    expect(rowsOf(list)).toEqual(['Brun Emma 2025-0003', 'Brun Liam 2025-0001', 'Martin Liam 2025-0002']);
    await user.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('descending');
    // Equal first names keep the list's order (by name): a stable sort.
    expect(rowsOf(list)).toEqual(['Brun Liam 2025-0001', 'Martin Liam 2025-0002', 'Brun Emma 2025-0003']);
  });

  it('filters by pôle and by situation, with the counts of what is shown', async () => {
    const { user } = await renderApp(seed);
    await goTo(user, 'Élèves');
    const list = await table('Élèves');
    expect(screen.getByText('3 élèves')).toBeTruthy();
    // Pôles by name, their code beside it; each option says how many it would show.
    const pole = screen.getByRole('combobox', { name: 'Filtrer par pôle' });
    expect(within(pole).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Tous les pôles', 'Pôle Apt Luberon (PIAL-A) (2)', 'Pôle Cavaillon (PIAL-C) (1)',
    ]);
    expect(within(list).getAllByRole('row')[1]!.textContent).toContain('Pôle Cavaillon PIAL-C');
    await user.selectOptions(pole, 'PIAL-A');
    expect(await screen.findByText('2 élèves sur 3')).toBeTruthy();
    const situation = screen.getByRole('combobox', { name: 'Filtrer par situation' });
    expect(within(situation).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Toutes les situations', 'sans AESH (1)', 'en partie (0)', 'en totalité (0)', 'notification expirant (0)', 'sans notification en cours (1)',
    ]);
    await user.selectOptions(situation, 'unnotified');
    expect(await screen.findByText('1 élève sur 3')).toBeTruthy();
    expect(rowsOf(list)).toEqual(['Martin Liam 2025-0002']);

    await user.selectOptions(pole, '');
    await user.selectOptions(situation, 'expiring');
    expect(rowsOf(list)).toEqual(['Brun Emma 2025-0003']);
    await user.selectOptions(situation, 'full');
    expect(rowsOf(list)).toEqual(['Brun Emma 2025-0003']);
  });

  it('filters the AESH by situation: hours left, no contract', async () => {
    const { user } = await renderApp(seed);
    await goTo(user, 'AESH');
    const list = await table('AESH');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filtrer par situation' }), 'spare');
    expect(rowsOf(list)).toEqual(['Arnaud Magali A001']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filtrer par situation' }), 'none');
    expect(rowsOf(list)).toEqual(['Magnan Arnaud A002']);
    expect(screen.getByText('1 AESH sur 2')).toBeTruthy();
  });
});

describe('exporting what is shown', () => {
  it('writes the rows shown, in their order, with real dates', async () => {
    const { user } = await renderApp(seed);
    await goTo(user, 'Élèves');
    const list = await table('Élèves');
    await user.type(screen.getByRole('searchbox', { name: 'Rechercher un élève' }), 'brun');
    await user.click(within(within(list).getByRole('columnheader', { name: /Prénom/ })).getByRole('button'));
    await waitFor(() => expect(rowsOf(list)).toEqual(['Brun Emma 2025-0003', 'Brun Liam 2025-0001']));
    await user.click(screen.getByRole('button', { name: 'Exporter (xlsx)' }));
    await waitFor(() => expect(downloaded).toHaveLength(1));
    expect(await screen.findByText('2 élèves exportés dans eleves-2026-11-23.xlsx.')).toBeTruthy();

    const book = XLSX.read(new Uint8Array(await downloaded[0]!.arrayBuffer()), { cellDates: true });
    expect(book.SheetNames).toEqual(['Élèves']);
    const sheet = book.Sheets['Élèves']!;
    const [header, ...rows] = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1 });
    expect(header).toEqual(['Nom', 'Prénom', 'Identifiant', 'Établissement', 'Pôle', 'Niveau', 'Notification en cours', 'Situation', 'Fin']);
    expect(rows.map((r) => r.slice(0, 3).join(' '))).toEqual(rowsOf(list));
    expect(rows[0]).toEqual(['Brun', 'Emma', '2025-0003', 'École Jules Ferry', 'Pôle Cavaillon', 'CM1', 'individuelle 3 h', 'en totalité', new Date('2026-12-18T00:00:00Z')]);
    expect((sheet.I2 as XLSX.CellObject).t).toBe('d');
  });

  it('neutralises formula-like text', async () => {
    const { user } = await renderApp(async (api) => {
      await seed(api);
      await api('aesh.create', { matricule: 'A003', lastName: '=HYPERLINK("http://x")', firstName: 'Eve' });
    });
    await goTo(user, 'AESH');
    await table('AESH');
    await user.type(screen.getByRole('searchbox', { name: 'Rechercher un AESH' }), 'eve');
    await user.click(screen.getByRole('button', { name: 'Exporter (xlsx)' }));
    await waitFor(() => expect(downloaded).toHaveLength(1));
    const sheet = XLSX.read(new Uint8Array(await downloaded[0]!.arrayBuffer())).Sheets.AESH!;
    expect(sheet.A2).toMatchObject({ t: 's', v: '\'=HYPERLINK("http://x")' });
    expect((sheet.A2 as XLSX.CellObject).f).toBeUndefined();
  });
});

describe('coming back to a list', () => {
  it('keeps the search, filters and order across a change of screen, and Back brings them back', async () => {
    const { user } = await renderApp(seed);
    await goTo(user, 'Élèves');
    const list = await table('Élèves');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filtrer par pôle' }), 'PIAL-A');
    await user.type(screen.getByRole('searchbox', { name: 'Rechercher un élève' }), 'liam');
    await user.click(within(within(list).getByRole('columnheader', { name: /Nom/ })).getByRole('button'));
    await user.click(within(within(list).getByRole('columnheader', { name: /Nom/ })).getByRole('button'));

    await goTo(user, 'AESH');
    await table('AESH');
    await goTo(user, 'Élèves');
    const again = await table('Élèves');
    expect((screen.getByRole<HTMLSelectElement>('combobox', { name: 'Filtrer par pôle' })).value).toBe('PIAL-A');
    expect((screen.getByRole<HTMLInputElement>('searchbox', { name: 'Rechercher un élève' })).value).toBe('liam');
    expect(within(again).getByRole('columnheader', { name: /^Nom/ }).getAttribute('aria-sort')).toBe('descending');
    expect(rowsOf(again)).toEqual(['Martin Liam 2025-0002', 'Brun Liam 2025-0001']);

    // The AESH list, then Back: the pupils as they were left.
    await goTo(user, 'AESH');
    await user.type(await screen.findByRole('searchbox', { name: 'Rechercher un AESH' }), 'magali');
    history.back();
    const back = await table('Élèves');
    expect(rowsOf(back)).toEqual(['Martin Liam 2025-0002', 'Brun Liam 2025-0001']);
    expect(within(screen.getByRole('navigation')).getByRole('button', { name: 'Élèves' }).getAttribute('aria-current')).toBe('page');
    history.forward();
    expect((await screen.findByRole<HTMLInputElement>('searchbox', { name: 'Rechercher un AESH' })).value).toBe('magali');
  });
});
