// The PAS's sheets of the exchange workbook (issue 15): `Saisines`, `Étapes` and `Actions` imported
// with the rules of every sheet (counts, values as the field spells them, refusals naming sheet,
// line and column, a line written whole or refused whole), exported with the documented columns
// then those Planif AESH adds, round-tripped column by column into an empty record and through a
// PAS's package, re-imported unchanged, and undone. Clock at 23/11/2026.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiCall } from '../../shared/api/contract.ts';
import { makeUai } from '../../shared/domain/uai.ts';
import { SHEETS } from '../../shared/exchange/sheets.ts';
import { openTestRecord, tempDir, type TestRecord } from '../support/record.ts';
import { readBack, workbook, type Cells } from '../support/workbook.ts';

const UAI1 = makeUai('0840101');
const UAI2 = makeUai('0840102');
const summary = (reports: { sheet: string; created: number; updated: number; unchanged: number; refused: unknown[] }[]) =>
  Object.fromEntries(reports.map((r) => [r.sheet, [r.created, r.updated, r.unchanged, r.refused.length]]));
const refusals = (reports: { refused: { sheet: string; row: number; column: string | null; reason: string }[] }[]) =>
  reports.flatMap((r) => r.refused.map(({ sheet, row, column, reason }) => ({ sheet, row, column, reason })));

const BASE: Record<string, Cells[]> = {
  Pôles: [['Code', 'Nom', 'Type', 'Coordonnateur'], ['PAS-1', 'PAS du Luberon', 'PAS', 'Claire Roux'], ['PIAL-1', 'PIAL d’Apt', 'PIAL 1D', null]],
  Établissements: [['UAI', 'Nom', 'Type', 'Pôle'], [UAI1, 'École Jean Giono', 'école élémentaire', 'PAS-1'], [UAI2, 'Collège Le Luberon', 'collège', 'PAS-1']],
  Élèves: [['Identifiant', 'Nom', 'Prénom', 'UAI', 'Niveau'], ['D-1', 'Martin', 'Léa', UAI1, 'CE1']],
};
const SAISINE_HEADERS = ['Numéro', 'Pôle', 'Reçue le', 'Canal', 'Origine', 'Demandeur', 'Identifiant élève', 'Nom', 'Prénom', 'Date de naissance', 'UAI',
  'Niveau', 'Classe', 'Plans', 'Statut MDPH', 'LPI consulté le', 'Nature', 'Description', 'Coordonnateur', 'Éducateur', 'Statut', 'Clôturée le'];
/** The columns Planif AESH adds after the documented ones, so that a saisine's file travels whole. */
const ADDED_HEADERS = ['Contact du demandeur', 'Objectifs', 'Bilan — actions réalisées', 'Bilan — effets', 'Bilan — suite', 'Bilan — transmis le', 'Anonymisée le'];
/** A register as PAS kept it in Excel before the app: their own words for channels, origins, steps… */
const REGISTER: Record<string, Cells[]> = {
  ...BASE,
  Saisines: [SAISINE_HEADERS,
    ['2026-001', 'PAS-1', '14/09/2026', 'mail', 'parents', 'Mme Bernard', null, 'Bernard', 'Tom', '12/03/2018', UAI1, 'CE2', 'CE2 B', 'PPRE + PAP', 'aucun dossier', '20/09/2026', 'Troubles du comportement', 'Crises en classe.', 'Claire Roux', 'Nadia Faure', 'PA validé', null],
    ['2026-002', 'PAS-1', '02/10/2026', 'RDV', 'enseignante', 'M. Noël, directeur', 'D-1', null, null, null, UAI1, null, null, null, 'en cours', null, 'Phobie scolaire', null, 'Claire Roux', null, 'réorientée (MDPH)', '10/11/2026'],
    ['2026-003', 'PIAL-1', '05/10/2026', 'courriel', 'famille', null, null, 'Roux', 'Zoé', null, UAI2, '6e', null, null, 'aucun', null, 'Autre', null, null, null, 'reçue', null],
    ['2026-004', 'PAS-1', '06/10/2026', 'téléphone', 'famille', null, null, 'Petit', 'Jules', null, UAI2, '5e', null, null, 'aucun', null, 'Autre', null, null, null, 'réorientée', '01/11/2026'],
  ],
  Étapes: [['Saisine', 'Étape', 'Date', 'Auteur', 'Décision', 'Note'],
    ['2026-001', 'accueil', '15/09/2026', 'Claire Roux', null, 'Appel de la mère.'],
    ['2026-001', 2, '22/09/2026', 'Claire Roux', null, null],
    ['2026-001', 'PA', '10/11/2026', 'Claire Roux', 'validée', null],
    ['2026-003', 1, '06/10/2026', null, null, null],
    ['2026-009', 1, '06/10/2026', null, null, null],
    ['2026-001', 3, '01/09/2026', null, null, null],
  ],
  Actions: [['Saisine', 'Type', 'Description', 'Responsable', 'Début', 'Fin', 'Fréquence'],
    ['2026-001', 'conseil', 'Conseils à l’enseignante.', 'Claire Roux', '17/11/2026', '18/12/2026', 'tous les 15 jours'],
    ['2026-001', 'tutorat', null, 'Nadia Faure', '17/11/2026', null, '1 h par semaine'],
  ],
};

describe('the Saisines, Étapes and Actions sheets', () => {
  it('import with counts, the field’s spellings, new pupils and natures, and refusals naming line and column', async () => {
    const { api } = await openTestRecord();
    const file = { fileName: 'registre.xlsx', dataBase64: workbook(REGISTER) };
    const preview = await api('exchange.preview', file);
    expect(preview.setAside).toEqual([]);
    expect(preview.unknownValues).toEqual([
      { column: 'Actions.Type', value: 'tutorat', count: 1, words: ['conseil à l’équipe', 'aménagement pédagogique', 'MPA', 'intervention directe', 'orientation'], mappedTo: null },
    ]);
    expect(summary(preview.reports)).toEqual({
      Pôles: [2, 0, 0, 0], Établissements: [2, 0, 0, 0], Élèves: [1, 0, 0, 0], Saisines: [2, 0, 0, 2], Étapes: [3, 0, 0, 3], Actions: [1, 0, 0, 1],
    });
    expect(refusals(preview.reports)).toEqual([
      { sheet: 'Saisines', row: 4, column: 'Pôle', reason: 'le pôle PIAL-1 n’est pas un PAS : les saisines sont enregistrées par un pôle d’appui à la scolarité' },
      { sheet: 'Saisines', row: 5, column: 'Statut', reason: 'réorientée vers qui ? écrivez « réorientée (MDPH) », « réorientée (enseignant référent) », « réorientée (médico-social) »' },
      { sheet: 'Étapes', row: 5, column: 'Saisine', reason: 'Saisine 2026-003 refusée (ligne 4 de la feuille Saisines)' },
      { sheet: 'Étapes', row: 6, column: 'Saisine', reason: 'Saisine 2026-009 inconnue' },
      { sheet: 'Étapes', row: 7, column: 'Date', reason: 'Cette date est avant la réception de la saisine.' },
      { sheet: 'Actions', row: 3, column: 'Type', reason: '« tutorat » inconnu (conseil à l’équipe, aménagement pédagogique, MPA, intervention directe, orientation)' },
    ]);
    // The nature the register did not list is added to it, and said so.
    expect(preview.reports.find((r) => r.sheet === 'Saisines')!.notices).toEqual([
      { sheet: 'Saisines', source: 'Saisines', row: 3, message: 'Nature « Phobie scolaire » ajoutée à la liste des natures de saisine.' },
    ]);

    // "tutorat" mapped once: the action is read as an intervention of the educator.
    const result = await api('exchange.import', { ...file, values: { 'Actions.Type': { tutorat: 'intervention directe' } } });
    expect(result.written).toBe(true);
    expect(summary(result.reports).Actions).toEqual([2, 0, 0, 0]);
    const register = await api('saisines.list', {});
    expect(register.map((s) => [s.number, s.poleCode, s.pupilName, s.status, s.natureLabel, s.channel, s.origin, s.plans])).toEqual([
      ['2026-002', 'PAS-1', 'Léa Martin', 'reorientee', 'Phobie scolaire', 'rendez_vous', 'equipe', []],
      ['2026-001', 'PAS-1', 'Tom Bernard', 'pa_valide', 'Troubles du comportement', 'courriel', 'famille', ['PPRE', 'PAP']],
    ]);
    const tom = await api('saisines.get', { id: register[1]!.id });
    expect(tom).toMatchObject({ mdphStatus: 'aucun', lpiConsultedOn: '2026-09-20', requester: 'Mme Bernard', educator: 'Nadia Faure', stepReached: 5 });
    expect(tom.steps.map((s) => [s.step, s.date, s.decision, s.note])).toEqual([[1, '2026-09-15', null, 'Appel de la mère.'], [2, '2026-09-22', null, null], [5, '2026-11-10', 'valide', null]]);
    expect(tom.actions.map((a) => [a.type, a.owner, a.startDate, a.endDate, a.frequency])).toEqual([
      ['conseil', 'Claire Roux', '2026-11-17', '2026-12-18', 'tous les 15 jours'], ['intervention', 'Nadia Faure', '2026-11-17', null, '1 h par semaine'],
    ]);
    // The pupil without an MDPH file is created as the register creates one.
    expect(await api('pupils.get', { id: tom.pupilId! })).toMatchObject({ identifier: 'PAS-1-2026-001', lastName: 'Bernard', birthDate: '2018-03-12', level: 'CE2', className: 'CE2 B', notifications: [] });
    expect((await api('saisines.get', { id: register[0]!.id })).reorientedTo).toBe('mdph');
  });

  it('reads the columns Planif AESH adds, with the rules of the plan and bilan forms, and no personal data on an anonymised row', async () => {
    const { api } = await openTestRecord();
    const row = (number: string, status: string, closedOn: string | null, added: Cells, pupil: [string, string] | [null, null] = ['Bernard', 'Tom']): Cells =>
      [number, 'PAS-1', '14/09/2024', null, 'famille', null, null, ...pupil, null, UAI1, null, null, null, null, null, 'Autre', null, null, null, status, closedOn, ...added];
    const file = { fileName: 'registre.xlsx', dataBase64: workbook({ ...BASE, Saisines: [[...SAISINE_HEADERS, ...ADDED_HEADERS],
      row('2024-001', 'bilan transmis', null, ['06 12 34 56 78', 'Apaiser.', 'Conseils menés.', 'Moins de crises.', 'poursuite de l’accompagnement', '20/11/2024', null]),
      row('2024-002', 'bilan transmis', null, [null, null, null, null, 'clore', '01/09/2024', null]),
      row('2024-003', 'reçue', null, [null, null, null, null, null, null, '01/11/2026']),
      row('2024-004', 'sans suite', '01/10/2024', ['vidal@example.fr', null, null, null, null, null, '01/11/2026'], [null, null]),
      row('2024-005', 'sans suite', '01/10/2024', [null, null, null, null, 'orienter MDPH', '30/09/2024', '01/11/2026'], [null, null]),
    ] }) };
    const result = await api('exchange.import', file);
    expect(refusals(result.reports)).toEqual([
      { sheet: 'Saisines', row: 3, column: 'Bilan — transmis le', reason: 'Cette date est avant la réception de la saisine.' },
      { sheet: 'Saisines', row: 4, column: 'Anonymisée le', reason: 'seule une saisine close est anonymisée (Statut : clôturée, réorientée ou sans suite)' },
      { sheet: 'Saisines', row: 5, column: 'Contact du demandeur', reason: 'une saisine anonymisée ne garde pas ce texte' },
    ]);
    const [anonymised, tom] = await api('saisines.list', {});
    expect(await api('saisines.get', { id: tom!.id })).toMatchObject({
      number: '2024-001', requesterContact: '06 12 34 56 78', goals: 'Apaiser.', bilanActions: 'Conseils menés.', bilanEffects: 'Moins de crises.',
      bilanNext: 'poursuivre', bilanSentOn: '2024-11-20', anonymisedOn: null, pupilName: 'Tom Bernard',
    });
    expect(anonymised).toMatchObject({ number: '2024-005', bilanNext: 'orienter_mdph', bilanSentOn: '2024-09-30', anonymisedOn: '2026-11-01', pupilName: null });
  });

  it('writes a line feeding Élèves and Saisines whole, or refuses it whole', async () => {
    const { api } = await openTestRecord();
    await api('exchange.import', { fileName: 'base.xlsx', dataBase64: workbook(BASE) });
    const flat = workbook({ Registre: [
      // "Nom de l’élève": a bare "Nom" next to a UAI would feed Établissements too.
      ['Numéro', 'Pôle', 'Reçue le', 'Origine', 'Identifiant élève', 'Nom de l’élève', 'Prénom de l’élève', 'UAI', 'Nature', 'Statut'],
      ['2026-010', 'PAS-1', '01/10/2026', 'famille', 'E-10', 'Blanc', 'Ana', UAI1, 'Autre', 'reçue'],
      ['2026-011', 'PIAL-1', '01/10/2026', 'famille', 'E-11', 'Vidal', 'Léo', UAI1, 'Autre', 'reçue'],
    ] });
    const result = await api('exchange.import', { fileName: 'registre.xlsx', dataBase64: flat });
    expect(result.assignments.map((a) => a.target)).toEqual(['pupils', 'saisines']);
    expect(summary(result.reports)).toEqual({ Élèves: [1, 0, 0, 1], Saisines: [1, 0, 0, 1] });
    expect(refusals(result.reports)).toEqual([
      { sheet: 'Élèves', row: 3, column: null, reason: 'refusée avec le reste de la ligne (Saisines, colonne Pôle : le pôle PIAL-1 n’est pas un PAS : les saisines sont enregistrées par un pôle d’appui à la scolarité)' },
      { sheet: 'Saisines', row: 3, column: 'Pôle', reason: 'le pôle PIAL-1 n’est pas un PAS : les saisines sont enregistrées par un pôle d’appui à la scolarité' },
    ]);
    expect((await api('pupils.list', { date: '2026-11-23' })).map((p) => p.identifier).sort()).toEqual(['D-1', 'E-10']);
  });
});

async function buildRegister(api: ApiCall, anonymise = true): Promise<void> {
  await api('exchange.import', { fileName: 'base.xlsx', dataBase64: workbook(BASE) });
  const poles = await api('poles.list', {});
  const pas = poles.find((p) => p.code === 'PAS-1')!;
  const other = await api('poles.create', { code: 'PAS-2', name: 'PAS du Ventoux', kind: 'PAS' });
  const schools = await api('schools.list', {});
  const natures = await api('saisineNatures.list', {});
  const pupils = await api('pupils.list', { date: '2026-11-23' });
  const described = { pupilLastName: 'Bernard', pupilFirstName: 'Tom', pupilBirthDate: '2018-03-12', pupilSchoolId: schools.find((school) => school.uai === UAI1)!.id, pupilLevel: 'CE2', pupilClassName: 'CE2 B' };
  const first = await api('saisines.create', {
    poleId: pas.id, receivedOn: '2026-09-14', channel: 'courriel', origin: 'famille', requester: 'Mme Bernard', requesterContact: '06 12 34 56 78', natureId: natures[1]!.id,
    description: 'Crises en classe.', plans: ['PPRE', 'PAP'], mdphStatus: 'en_cours', lpiConsultedOn: '2026-09-20', coordinator: 'Claire Roux', educator: 'Nadia Faure', ...described,
  });
  // Its plan and bilan: every field of a saisine filled, so that the round trip checks each one.
  const planned = await api('saisines.plan', { id: first.id, version: first.version, goals: 'Apaiser les entrées en classe.' });
  await api('saisines.bilan', {
    id: first.id, version: planned.version, bilanActions: 'Conseils et MPA menés.', bilanEffects: 'Moins de crises.', bilanNext: 'orienter_mdph', bilanSentOn: '2026-11-20',
  });
  await api('saisineSteps.create', { saisineId: first.id, step: 1, date: '2026-09-15', author: 'Claire Roux', note: 'Appel de la mère.' });
  await api('saisineSteps.create', { saisineId: first.id, step: 5, date: '2026-10-20', author: 'Claire Roux', decision: 'a_revoir' });
  await api('saisineSteps.create', { saisineId: first.id, step: 5, date: '2026-11-10', author: 'Claire Roux', decision: 'valide' });
  await api('saisineActions.create', { saisineId: first.id, type: 'conseil', owner: 'Claire Roux', startDate: '2026-11-17', endDate: '2026-12-18', frequency: 'tous les 15 jours', description: 'Conseils à l’enseignante.' });
  // Two actions of one type without a start date: told apart by their order.
  await api('saisineActions.create', { saisineId: first.id, type: 'mpa' });
  await api('saisineActions.create', { saisineId: first.id, type: 'mpa', frequency: 'ponctuel' });
  // The same number in another PAS: steps and actions name it with its pôle.
  const twin = await api('saisines.create', { poleId: other.id, receivedOn: '2026-09-20', origin: 'equipe', natureId: natures[0]!.id, pupilId: pupils[0]!.id });
  await api('saisineSteps.create', { saisineId: twin.id, step: 1, date: '2026-09-21' });
  const closed = await api('saisines.create', { poleId: pas.id, receivedOn: '2026-10-01', origin: 'autre', natureId: natures[2]!.id, pupilId: pupils[0]!.id, channel: 'rendez_vous' });
  await api('saisines.close', { id: closed.id, version: closed.version, closure: 'reorientee', reorientedTo: 'medico_social', closedOn: '2026-11-02' });
  // Closed three years ago: anonymised by the retention period (24 months), its figures kept.
  const old = await api('saisines.create', {
    ...described, poleId: pas.id, receivedOn: '2023-09-11', origin: 'famille', natureId: natures[0]!.id, requester: 'M. Vidal', requesterContact: 'vidal@example.fr',
    pupilLastName: 'Vidal', pupilFirstName: 'Léo',
  });
  await api('saisineSteps.create', { saisineId: old.id, step: 1, date: '2023-09-12', note: 'Premier appel.' });
  const oldPlan = await api('saisines.plan', { id: old.id, version: old.version, goals: 'Rassurer Léo Vidal.' });
  const oldBilan = await api('saisines.bilan', { id: old.id, version: oldPlan.version, bilanActions: 'Entretien avec M. Vidal.', bilanEffects: 'Aucun.', bilanNext: 'clore', bilanSentOn: '2023-09-30' });
  await api('saisines.close', { id: old.id, version: oldBilan.version, closure: 'sans_suite', closedOn: '2023-10-02' });
  if (anonymise) expect(await api('saisines.anonymiseExpired', {})).toEqual({ anonymised: 1 });
}

/**
 * Every column of the register's tables as stored, references by natural key (pôle code, number,
 * identifier, UAI, nature), without the ids and versions a new record numbers again.
 */
function registerTables(r: TestRecord, pole?: string): Record<'saisines' | 'steps' | 'actions', Record<string, unknown>[]> {
  const rows = (sql: string): Record<string, unknown>[] => (r.connection.sqlite.prepare(sql).all({ pole: pole ?? null }) as Record<string, unknown>[])
    .map(({ id: _i, version: _v, pole_id: _p, pupil_id: _e, school_id: _s, nature_id: _n, saisine_id: _x, ...row }) => row);
  const of = 'join saisines s on s.id = x.saisine_id join poles p on p.id = s.pole_id where @pole is null or p.code = @pole';
  return {
    saisines: rows(`select x.*, p.code pole, e.identifier pupil, sc.uai, n.label nature from saisines x join poles p on p.id = x.pole_id
      join schools sc on sc.id = x.school_id join saisine_natures n on n.id = x.nature_id left join pupils e on e.id = x.pupil_id
      where @pole is null or p.code = @pole order by p.code, x.number`),
    steps: rows(`select x.*, p.code pole, s.number from saisine_steps x ${of} order by p.code, s.number, x.step, x.date`),
    actions: rows(`select x.*, p.code pole, s.number from saisine_actions x ${of} order by p.code, s.number, x.start_date, x.type, x.id`),
  };
}

/** The columns no row fills: the hand-built register fills every one, so that the round trip checks each. */
function emptyColumns(tables: ReturnType<typeof registerTables>): string[] {
  return Object.entries(tables).flatMap(([table, rows]) => Object.keys(rows[0] ?? {}).filter((column) => rows.every((row) => row[column] === null)).map((column) => `${table}.${column}`));
}

/** The register as the user sees it, without the ids a new record gives again. */
async function registerOf(api: ApiCall): Promise<unknown[]> {
  const rows = await api('saisines.list', {});
  return Promise.all(rows.map(async (row) => {
    // What is late depends on the day it is looked at; the rest is the saisine's file.
    const { id: _i, version: _v, poleId: _p, pupilId: _e, schoolId: _s, natureId: _n, overdue: _o, steps, actions, ...file } = await api('saisines.get', { id: row.id });
    return {
      ...file,
      steps: steps.map(({ id: _id, saisineId: _sid, version: _ver, ...step }) => step),
      actions: actions.map(({ id: _id, saisineId: _sid, version: _ver, ...action }) => action),
    };
  }));
}

describe('the register exported', () => {
  it('writes the documented columns, anonymised saisines without personal data, and names a shared number with its pôle', async () => {
    const { api } = await openTestRecord();
    await buildRegister(api);
    const sheets = readBack((await api('exchange.export', { kind: 'record' })).dataBase64);
    for (const key of ['saisines', 'steps', 'actions'] as const) expect(sheets[SHEETS[key].name]![0]).toEqual(SHEETS[key].columns.map((c) => c.label));
    // The documented columns first, then those Planif AESH adds.
    expect(SHEETS.saisines.columns.map((c) => c.label)).toEqual([...SAISINE_HEADERS, ...ADDED_HEADERS]);
    const saisines = sheets.Saisines!.slice(1);
    const anonymised = saisines.find((row) => row[1] === 'PAS-1' && String(row[0]).startsWith('2023'))!;
    // Numéro, Pôle, Reçue le, Canal, Origine, then no requester nor pupil; the UAI and figures stay.
    expect(anonymised.slice(5, 10)).toEqual([null, null, null, null, null]);
    expect(anonymised[17]).toBeNull();
    expect(anonymised[10]).toBe(UAI1);
    expect(anonymised[20]).toBe('sans suite');
    // Nor contact, goals or the bilan's texts; its next step and date sent are figures, kept, as is the date it was anonymised.
    expect(Object.fromEntries(ADDED_HEADERS.map((header, i) => [header, anonymised[SAISINE_HEADERS.length + i]]))).toEqual({
      'Contact du demandeur': null, Objectifs: null, 'Bilan — actions réalisées': null, 'Bilan — effets': null, 'Bilan — suite': 'clore',
      'Bilan — transmis le': new Date('2023-09-30T00:00:00Z'), 'Anonymisée le': new Date('2026-11-23T00:00:00Z'),
    });
    expect(JSON.stringify(sheets)).not.toMatch(/Vidal|Premier appel|Rassurer|Entretien|Aucun\./);
    const bernard = saisines.find((row) => row[5] === 'Mme Bernard')!;
    expect(bernard.slice(SAISINE_HEADERS.length)).toEqual(['06 12 34 56 78', 'Apaiser les entrées en classe.', 'Conseils et MPA menés.', 'Moins de crises.', 'orienter vers la MDPH', new Date('2026-11-20T00:00:00Z'), null]);
    // A step naming 2026-001 alone cannot say which PAS's it is.
    // Nor may a file bring back what the anonymisation wiped.
    const steps = workbook({ Étapes: [['Saisine', 'Étape', 'Date', 'Note'], ['2026-001', 2, '01/10/2026', null], ['2023-001', 2, '02/10/2023', 'Appel du père.']] });
    expect(refusals((await api('exchange.preview', { fileName: 'étapes.xlsx', dataBase64: steps })).reports)).toEqual([
      { sheet: 'Étapes', row: 2, column: 'Saisine', reason: 'saisine 2026-001 ambiguë : les PAS PAS-1, PAS-2 ont ce numéro ; écrivez « PAS-1 2026-001 »' },
      { sheet: 'Étapes', row: 3, column: null, reason: 'Cette saisine est anonymisée : elle ne se modifie plus.' },
    ]);
    expect(saisines.map((row) => [row[0], row[20]])).toEqual([['2023-001', 'sans suite'], ['2026-001', 'PA validé'], ['2026-002', 'réorientée (médico-social)'], ['2026-001', 'reçue']]);
    expect(sheets.Étapes!.slice(1).map((row) => [row[0], row[1], row[4]])).toEqual([
      ['2023-001', '1 accueil', null],
      ['PAS-1 2026-001', '1 accueil', null], ['PAS-1 2026-001', '5 plan d’action', 'à revoir'], ['PAS-1 2026-001', '5 plan d’action', 'validé'],
      ['PAS-2 2026-001', '1 accueil', null],
    ]);
  });

  it('round-trips every column into an empty record, re-imports unchanged, and an import with saisines is undone whole', async () => {
    const source = await openTestRecord();
    await buildRegister(source.api);
    const file = { fileName: 'dossier.xlsx', dataBase64: (await source.api('exchange.export', { kind: 'record' })).dataBase64 };

    // A week later: the anonymised saisine keeps the date it was anonymised, not the day of the import.
    const target = await openTestRecord(':memory:', { now: () => new Date('2026-11-30T09:00:00') });
    const imported = await target.api('exchange.import', file);
    expect(refusals(imported.reports)).toEqual([]);
    expect(summary(imported.reports)).toMatchObject({ Saisines: [4, 0, 0, 0], Étapes: [5, 0, 0, 0], Actions: [3, 0, 0, 0] });
    const tables = registerTables(source);
    expect(emptyColumns(tables)).toEqual([]);
    expect(registerTables(target)).toEqual(tables);
    const register = await registerOf(source.api);
    expect(register).toHaveLength(4);
    expect(await registerOf(target.api)).toEqual(register);

    const again = await source.api('exchange.import', file);
    expect(summary(again.reports)).toMatchObject({ Saisines: [0, 0, 4, 0], Étapes: [0, 0, 5, 0], Actions: [0, 0, 3, 0] });
    expect(Object.values(summary(again.reports)).every(([created, updated]) => created === 0 && updated === 0)).toBe(true);

    // Undo the import into the empty record: no saisine, no pupil it created, no nature it added.
    const natures = await source.api('saisineNatures.list', {});
    const line = (await target.api('journal.list', { limit: 1000 })).find((l) => (l.after as { source?: string } | null)?.source === 'dossier.xlsx');
    await target.api('journal.undo', { changeId: line!.changeId! });
    expect(await target.api('saisines.list', {})).toEqual([]);
    expect(await target.api('pupils.list', { date: '2026-11-23' })).toEqual([]);
    expect(await target.api('saisineNatures.list', {})).toEqual(natures);
  });
});

describe('a PAS’s package', () => {
  it('carries every column of its saisines, steps and actions, and anonymises there what the retention period anonymised here', async () => {
    const pas = await openTestRecord();
    await buildRegister(pas.api, false);
    const dep = await openTestRecord(':memory:', { now: () => new Date('2026-11-30T09:00:00') });
    const receive = async (): Promise<void> => {
      await dep.api('packages.import', { ...(await pas.api('packages.export', { pole: 'PAS-1' })), choices: {} });
    };
    await receive();
    const sent = registerTables(pas, 'PAS-1');
    expect(sent.saisines.map((s) => s.requester_contact)).toEqual(['vidal@example.fr', '06 12 34 56 78', null]);
    expect(registerTables(dep, 'PAS-1')).toEqual(sent);

    // The PAS's record anonymises the saisine closed in 2023: the next package anonymises it in the département's too.
    expect(await pas.api('saisines.anonymiseExpired', {})).toEqual({ anonymised: 1 });
    await receive();
    const anonymised = registerTables(dep, 'PAS-1');
    expect(anonymised).toEqual(registerTables(pas, 'PAS-1'));
    expect(anonymised.saisines[0]).toMatchObject({ number: '2023-001', anonymised_on: '2026-11-23', pupil: null, requester: null, goals: null, bilan_next: 'clore' });
    expect(JSON.stringify(await dep.api('pupils.list', { date: '2026-11-23' }))).not.toContain('Vidal');
    // Nor does the journal keep what was wiped, for an undo to bring back: that change cannot be undone.
    expect(JSON.stringify(dep.connection.sqlite.prepare('select before_json, after_json from journal').all())).not.toMatch(/Vidal|vidal@|Premier appel|Rassurer|Entretien/);
    const [last] = await dep.api('journal.list', { limit: 1 });
    await expect(dep.api('journal.undo', { changeId: last!.changeId! })).rejects.toThrow('ne s’annule pas');
  });
});

describe('a file that anonymises a saisine', () => {
  it('anonymises it here as the retention period does, even with its Saisines sheet alone, and says so', async () => {
    const source = await openTestRecord();
    await buildRegister(source.api, false);
    const target = await openTestRecord();
    await target.api('exchange.import', { fileName: 'dossier.xlsx', dataBase64: (await source.api('exchange.export', { kind: 'record' })).dataBase64 });
    await source.api('saisines.anonymiseExpired', {});
    const { Saisines } = readBack((await source.api('exchange.export', { kind: 'record' })).dataBase64);
    const result = await target.api('exchange.import', { fileName: 'saisines.xlsx', dataBase64: workbook({ Saisines: Saisines! as Cells[] }) });
    expect(summary(result.reports)).toEqual({ Saisines: [0, 1, 3, 0] });
    expect(result.reports[0]!.notices.map((n) => n.message)).toEqual([
      'Saisine 2023-001 anonymisée comme dans le dossier dont vient le fichier : notes des étapes, descriptions des actions et élève connu par elle seule effacés ; cet import ne pourra pas être annulé.',
    ]);
    expect(registerTables(target, 'PAS-1')).toEqual(registerTables(source, 'PAS-1'));
    expect(JSON.stringify(target.connection.sqlite.prepare('select * from journal').all())).not.toMatch(/Vidal|Premier appel/);
  });
});

describe('the command line', () => {
  it('a CLI import of those sheets followed by export activity gives the figures of the period', () => {
    const dir = tempDir();
    const db = join(dir, 'base.db');
    const cli = (...args: string[]): { status: number | null; stdout: string; stderr: string } =>
      spawnSync(process.execPath, ['electron/cli/main.ts', ...args, '--db', db], { encoding: 'utf8', env: { ...process.env, PLANIF_PASSPHRASE: '' } });
    const register = join(dir, 'registre.xlsx');
    const row = (number: string, receivedOn: string, origin: string, uai: string, status: string, closedOn: string | null = null): Cells =>
      [number, 'PAS-1', receivedOn, null, origin, null, null, 'Élève', number, null, uai, null, null, null, null, null, 'Autre', null, null, null, status, closedOn];
    writeFileSync(register, Buffer.from(workbook({
      ...BASE,
      Saisines: [SAISINE_HEADERS,
        row('2026-001', '14/09/2026', 'famille', UAI1, 'PA validé'),
        row('2026-002', '02/10/2026', 'équipe pédagogique', UAI2, 'réorientée (MDPH)', '10/11/2026'),
        row('2026-003', '05/10/2026', 'parents', UAI2, 'en recueil'),
        // Received before the period: only its plan, submitted in it, counts.
        row('2026-000', '20/06/2026', 'famille', UAI1, 'PA en élaboration'),
      ],
      Étapes: [['Saisine', 'Étape', 'Date', 'Décision'],
        ['2026-001', 1, '15/09/2026', null], ['2026-001', 2, '22/09/2026', null], ['2026-001', 5, '10/11/2026', 'validé'],
        ['2026-002', 1, '03/10/2026', null], ['2026-002', 2, '12/10/2026', null],
        ['2026-003', 1, '06/10/2026', null], ['2026-003', 2, '19/10/2026', null],
        ['2026-000', 1, '21/06/2026', null], ['2026-000', 2, '25/06/2026', null], ['2026-000', 5, '15/09/2026', 'à revoir'],
      ],
      Actions: [['Saisine', 'Type', 'Début', 'Fin'], ['2026-001', 'conseil à l’équipe', '17/11/2026', '18/12/2026']],
    }), 'base64'));
    const imported = cli('import', register, '--json');
    expect(JSON.parse(imported.stdout)).toMatchObject({ written: true, sheets: { Saisines: { created: 4, refused: [] }, Étapes: { created: 10, refused: [] }, Actions: { created: 1, refused: [] } } });

    const out = join(dir, 'rapport.xlsx');
    const exported = cli('export', 'activity', '--pole', 'PAS-1', '--from', '01/09/2026', '--to', '23/11/2026', '--out', out, '--json');
    expect(exported.stderr).toBe('');
    expect((JSON.parse(exported.stdout) as { poles: unknown[] }).poles[0]).toMatchObject({ pole: 'PAS-1', saisines: 3 });
    const [header, figures] = readBack(readFileSync(out).toString('base64')).Rapport!;
    const report = Object.fromEntries(header!.map((column, i) => [column, figures![i]]));
    // First contact (step 2) 8, 10 and 14 days after reception; the plan 57 days after (14/09 → 10/11).
    expect(report).toMatchObject({
      'Saisines reçues': 3, 'Origine : parents / responsables légaux': 2, 'Origine : équipe pédagogique': 1, 'Saisines 1er degré': 1, 'Saisines 2nd degré': 2,
      'Réception → 1er contact : médiane (jours)': 10, 'Réception → 1er contact : maximum (jours)': 14,
      'Réception → plan d’action : médiane (jours)': 57, 'Plans soumis aux pilotes': 2, 'Plans validés': 1,
      'Fin de période : PA validé': 1, 'Fin de période : réorientée': 1, 'Fin de période : en recueil': 1, 'Réorientées : MDPH': 1,
    });
  });
});
