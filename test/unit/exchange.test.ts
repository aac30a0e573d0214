import { describe, expect, it } from 'vitest';
import { applySavedMapping, proposeMapping, savedMappingSchema, setAside, toSavedMapping, unusedHeaders } from '../../shared/exchange/mapping.ts';
import { sheetKeyOf } from '../../shared/exchange/sheets.ts';
import {
  ACTION_TYPE, CONTRACT_KIND, DECISION, MDPH_STATUS, NATURE, NOTIFICATION_KIND, PLANS, POLE_KIND, readAsTyped, readClock, readDate, readNotificationKind, readUai,
  readYesNo, SAISINE_CHANNEL, SAISINE_ORIGIN, SAISINE_STATUS, SCHOOL_KIND, STEP, WEEKDAY, type Cell, type Choice,
} from '../../shared/exchange/values.ts';
import { hours } from '../../shared/api/fields.ts';
import { neutralise } from '../../electron/exchange/cells.ts';
import { makeUai } from '../../shared/domain/uai.ts';

describe('cell values', () => {
  it('reads Excel date cells, serial days and text dates', () => {
    expect(readDate(new Date('2026-09-01T00:00:00Z'))).toEqual({ ok: true, value: '2026-09-01' });
    expect(readDate(46266)).toEqual({ ok: true, value: '2026-09-01' });
    expect(readDate('01/09/2026')).toEqual({ ok: true, value: '2026-09-01' });
    expect(readDate('2026-09-01')).toEqual({ ok: true, value: '2026-09-01' });
    expect(readDate('31/02/2026')).toEqual({ ok: false, reason: 'date « 31/02/2026 » illisible (jj/mm/aaaa attendu)' });
  });

  it('reads hours as people write them, with the forms\' reading, and says which it cannot', () => {
    const read = (cell: Cell): unknown => hours.safeParse((readAsTyped(cell) as { value: unknown }).value);
    for (const [cell, minutes] of [[12, 720], ['12,5', 750], ['12.5', 750], ['12h', 720], ['12 h 30', 750], ['12:30', 750]] as const) {
      expect(read(cell)).toMatchObject({ success: true, data: minutes });
    }
    expect(read('douze')).toMatchObject({ success: false, error: { issues: [{ message: 'Heures « douze » illisibles : par exemple 12, 12,5 ou 12 h 30.' }] } });
  });

  it('reads times of day from text and from Excel time cells', () => {
    expect(readClock('08:30')).toEqual({ ok: true, value: 510 });
    expect(readClock(0.354166667)).toEqual({ ok: true, value: 510 });
    expect(readClock(new Date('1899-12-31T08:30:00Z'))).toEqual({ ok: true, value: 510 });
  });

  it('reads oui/non in every usual form', () => {
    for (const yes of ['oui', 'O', 'x', '1', 'Vrai', true]) expect(readYesNo(yes)).toEqual({ ok: true, value: true });
    for (const no of ['non', 'n', '0', 'faux', '', null, false]) expect(readYesNo(no)).toEqual({ ok: true, value: false });
    expect(readYesNo('peut-être').ok).toBe(false);
  });

  it('reads the kinds of aid as the MDPH writes them', () => {
    expect(readNotificationKind('Individuelle')).toEqual({ ok: true, value: 'individual' });
    expect(readNotificationKind('AESH-m')).toEqual({ ok: true, value: 'shared' });
    expect(readNotificationKind('mutualisee')).toEqual({ ok: true, value: 'shared' });
    expect(readNotificationKind('collective')).toEqual({ ok: false, reason: '« collective » inconnu (individuelle, mutualisée)' });
  });

  it('knows the spellings of MDPH, HR and school files, whatever their case, spaces and dashes', () => {
    for (const [choice, cells, value] of [
      [NOTIFICATION_KIND, ['AESH individuelle', 'AESH-I', 'aesh i', 'aide humaine individuelle', 'AHI'], 'individual'],
      [NOTIFICATION_KIND, ['AESH mutualisée', 'AHM', 'AESH-M'], 'shared'],
      [NATURE, ['AESH-co', 'aide collective'], 'ulis'],
      [CONTRACT_KIND, ['contrat à durée déterminée', 'CDD'], 'CDD'],
      [WEEKDAY, ['Lun.', 'LUNDI', 'lu'], 1],
      [SCHOOL_KIND, ['EEPU', 'école élémentaire'], 'elementaire'],
      [POLE_KIND, ['PIAL 1er degré', '1D'], 'PIAL_1D'],
    ] as const) {
      for (const cell of cells) expect((choice as Choice<unknown>).read(cell)).toEqual({ ok: true, value });
    }
  });

  it('knows the words of the PAS registers kept in Excel', () => {
    for (const [choice, cells, value] of [
      [SAISINE_CHANNEL, ['mail', 'E-mail', 'courriel'], 'courriel'],
      [SAISINE_CHANNEL, ['RDV', 'rendez-vous', 'entretien'], 'rendez_vous'],
      [SAISINE_ORIGIN, ['parents', 'parents / responsables légaux', 'Famille'], 'famille'],
      [SAISINE_ORIGIN, ['enseignante', 'équipe pédagogique', 'Directeur'], 'equipe'],
      [MDPH_STATUS, ['aucun dossier', 'néant', 'aucun'], 'aucun'],
      [MDPH_STATUS, ['dossier déposé', 'en cours'], 'en_cours'],
      [SAISINE_STATUS, ['PA validé', 'plan d’action validé'], 'pa_valide'],
      [SAISINE_STATUS, ['réorientée (MDPH)', 'réorientée vers la MDPH'], 'reorientee:mdph'],
      [SAISINE_STATUS, ['classée sans suite', 'sans suite'], 'sans_suite'],
      [STEP, ['1', 1, 'accueil', '1 accueil', 'Étape 1'], 1],
      [STEP, ['PA', '5 plan d’action', 'plan d\'action'], 5],
      [DECISION, ['validée', 'avis favorable', 'validé'], 'valide'],
      [DECISION, ['à reprendre', 'A revoir'], 'a_revoir'],
      [ACTION_TYPE, ['mesures de première attente', 'MPA'], 'mpa'],
      [ACTION_TYPE, ['intervention de l’éducateur', 'intervention directe'], 'intervention'],
    ] as const) {
      for (const cell of cells) expect((choice as Choice<unknown>).read(cell)).toEqual({ ok: true, value });
    }
  });

  it('reads the plans as a list, however it is written', () => {
    expect(PLANS.read('PPRE, PAP')).toEqual({ ok: true, value: ['PPRE', 'PAP'] });
    expect(PLANS.read('pap + ppre + PAP')).toEqual({ ok: true, value: ['PAP', 'PPRE'] });
    expect(PLANS.read('PAI et PPS')).toEqual({ ok: true, value: ['PAI', 'PPS'] });
    expect(PLANS.read('néant')).toEqual({ ok: true, value: [] });
    expect(PLANS.read(null)).toEqual({ ok: true, value: null });
    expect(PLANS.read('PPRE, GEVASCO')).toEqual({ ok: false, reason: '« GEVASCO » inconnu (PPRE, PAP, PAI, PPS, MPA, séparés par des virgules)' });
  });

  it('names the expected UAI check letter', () => {
    const good = makeUai('0840001');
    const wrong = `0840001${good[7] === 'A' ? 'B' : 'A'}`;
    expect(readUai(wrong)).toEqual({ ok: false, reason: `lettre de contrôle invalide, attendu ${good[7]}` });
    expect(readUai(good.toLowerCase())).toEqual({ ok: true, value: good });
  });
});

describe('mapping', () => {
  const mdph = ['N° dossier', 'NOM de l\'élève', 'Prénom', 'Né(e) le', 'RNE', 'Type d\'aide', 'Quotité horaire', 'Date de début de droits', 'Date de fin de droits', 'Observations MDPH'];

  it('sends a flat MDPH export to both Élèves and Notifications', () => {
    const assignments = proposeMapping([{ name: 'export_mdph', headers: mdph }]);
    expect(assignments.map((a) => a.target)).toEqual(['pupils', 'notifications']);
    expect(assignments[0]!.columns).toMatchObject({ identifier: 'N° dossier', lastName: 'NOM de l\'élève', firstName: 'Prénom', uai: 'RNE' });
    expect(assignments[1]!.columns).toMatchObject({ pupil: 'N° dossier', kind: 'Type d\'aide', weeklyHours: 'Quotité horaire', startDate: 'Date de début de droits', endDate: 'Date de fin de droits' });
  });

  it('matches headers whatever their case, accents and punctuation', () => {
    const [assignment] = proposeMapping([{ name: 'eleves', headers: [' IDENTIFIANT ', 'nom', 'prenom', 'U.A.I.'] }]);
    expect(assignment).toMatchObject({ target: 'pupils', columns: { identifier: ' IDENTIFIANT ', lastName: 'nom', firstName: 'prenom', uai: 'U.A.I.' } });
  });

  it('maps close spellings, and reports the columns it does not use', () => {
    const sheets = [{ name: 'export_mdph', headers: [...mdph, 'Téléphone famille'] }];
    const assignments = proposeMapping(sheets);
    expect(assignments[0]!.columns.birthDate).toBe('Né(e) le');
    expect(assignments[1]!.columns.activities).toBe('Observations MDPH');
    expect(unusedHeaders(sheets, assignments)).toEqual([{ sheet: 'export_mdph', header: 'Téléphone famille' }]);
  });

  it('saves a mapping as JSON by sheet and column names, and applies it again', () => {
    const sheets = [{ name: 'export_mdph', headers: mdph }];
    const saved = toSavedMapping(proposeMapping(sheets), {});
    expect(saved['Élèves']).toMatchObject({ Identifiant: 'N° dossier', UAI: 'RNE' });
    saved['Élèves']!['Date de naissance'] = 'Né(e) le';
    const { assignments, problems } = applySavedMapping(sheets, savedMappingSchema.parse(JSON.parse(JSON.stringify(saved))).sheets);
    expect(problems).toEqual([]);
    expect(assignments.find((a) => a.target === 'pupils')!.columns.birthDate).toBe('Né(e) le');
  });

  it('explains a saved mapping that does not fit the file', () => {
    const { problems } = applySavedMapping([{ name: 'export', headers: ['A'] }], { Élèves: { Identifiant: 'N° dossier' }, Inconnue: {} });
    expect(problems).toEqual([
      'Correspondance : aucune feuille du fichier ne contient les colonnes prévues pour « Élèves ».',
      'Correspondance : feuille « Inconnue » inconnue (Pôles, Établissements, Élèves, Notifications, AESH, Absences, Créneaux, Saisines, Étapes, Actions).',
    ]);
  });

  it('feeds the PAS’s sheets by their names, never the sheet whose name they resemble', () => {
    expect(sheetKeyOf('Étapes')).toBe('steps');
    expect(sheetKeyOf(' etapes')).toBe('steps');
    expect(sheetKeyOf('Établissements')).toBe('schools');
    expect(sheetKeyOf('SAISINES')).toBe('saisines');
    expect(sheetKeyOf('Actions')).toBe('actions');
    const sheets = [
      { name: 'Saisines', headers: ['Numéro', 'Pôle', 'Reçue le', 'Origine', 'Identifiant élève', 'Nom', 'Prénom', 'UAI', 'Nature', 'Statut'] },
      { name: 'Étapes', headers: ['Saisine', 'Étape', 'Date', 'Auteur'] },
      { name: 'Actions', headers: ['Saisine', 'Type', 'Début', 'Fin'] },
    ];
    const assignments = proposeMapping(sheets);
    expect(assignments.map((a) => [a.source, a.target])).toEqual([['Saisines', 'saisines'], ['Étapes', 'steps'], ['Actions', 'actions']]);
    expect(assignments[1]!.columns).toMatchObject({ saisine: 'Saisine', step: 'Étape', date: 'Date', author: 'Auteur' });
    expect(setAside(sheets, assignments)).toEqual([]);
  });
});

describe('export injection', () => {
  it.each(['=1+1', '+33 6', '-2', '@SUM(A1)', '\tcmd', '\rcmd'])('neutralises text starting like a formula: %j', (text) => {
    expect(neutralise(text)).toBe(`'${text}`);
  });
  it('leaves other text, numbers and dates alone', () => {
    expect(neutralise('École')).toBe('École');
    expect(neutralise(-2)).toBe(-2);
  });
});
