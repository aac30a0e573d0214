import { describe, expect, it } from 'vitest';
import { FIGURES, figureOf } from '../../shared/survey/figures.ts';
import { columnLetter, detectLayout, mappingProblems, proposeFigure, proposeMapping, scopeOfKey, surveyMappingSchema, type TemplateSheet } from '../../shared/survey/template.ts';

const POLES = [
  { id: 1, code: 'PIAL-01', name: 'PIAL Avignon Nord' },
  { id: 2, code: 'PIAL-02', name: 'PIAL Carpentras' },
];

/** An académie's sheet: two title lines, a group header over two lines, a PIAL per row, a total. */
const SHEET: TemplateSheet = {
  name: 'Enquête AESH',
  hidden: false,
  lines: [
    ['Enquête académique — accompagnement des élèves en situation de handicap', 'Enquête académique — accompagnement des élèves en situation de handicap', 'Enquête académique — accompagnement des élèves en situation de handicap'],
    ['Département : Vaucluse'],
    [],
    ['PIAL', 'Élèves', 'Élèves', 'Élèves', 'Moyens', 'Moyens'],
    ['PIAL', 'Notifiés', 'Accompagnés en totalité', 'Sans AESH', 'ETP AESH', 'Nb d\'AESH'],
    ['PIAL Avignon Nord', '', '', '', '', ''],
    ['pial-02', '', '', '', '', ''],
    ['PIAL Sud-Luberon', '', '', '', '', ''],
    ['Total département', '', '', '', '', ''],
    [],
    ['Source : rectorat'],
  ],
};

describe('the figure catalogue', () => {
  it('gives every figure a French label and a unique id, splits by aid and degree where they exist', () => {
    expect(new Set(FIGURES.map((f) => f.id)).size).toBe(FIGURES.length);
    expect(figureOf('notifies')!.label).toBe('Élèves notifiés');
    expect(figureOf('en-totalite/individuelle/1d')!.label).toBe('Accompagnés en totalité — aide individuelle — 1er degré');
    expect(figureOf('heures-notifiees/2d')!.label).toBe('Heures notifiées (aide individuelle) — 2nd degré');
    expect(figureOf('etp')!.unit).toBe('etp');
    // The AESH belong to pôles, not to degrees or kinds of aid.
    expect(figureOf('etp/1d')).toBeUndefined();
    expect(figureOf('heures-notifiees/mutualisee')).toBeUndefined();
    for (const figure of FIGURES) expect(figure.label).not.toMatch(/undefined|null/);
  });
});

describe('reading a template', () => {
  it('finds the key column and the header row under the titles, a group header over the headers', () => {
    const layout = detectLayout(SHEET, POLES);
    expect(layout.headerLine).toBe(5);
    expect(layout.keyColumn).toEqual({ index: 0, letter: 'A', label: 'PIAL' });
    expect(layout.columns.map((c) => c.label)).toEqual(['PIAL', 'Élèves — Notifiés', 'Élèves — Accompagnés en totalité', 'Élèves — Sans AESH', 'Moyens — ETP AESH', 'Moyens — Nb d\'AESH']);
    expect(layout.rows.map((r) => [r.line, r.meaning])).toEqual([
      [6, 'PIAL-01 — PIAL Avignon Nord'], [7, 'PIAL-02 — PIAL Carpentras'], [8, null], [9, 'Département'], [11, null],
    ]);
  });

  it('reads a row per degree, and takes the header row chosen instead of the one found', () => {
    const degrees: TemplateSheet = { name: 'Par degré', hidden: false, lines: [['Degré', 'Élèves notifiés'], ['1er degré', ''], ['Second degré', ''], ['Total', '']] };
    expect(detectLayout(degrees, POLES).rows.map((r) => r.scope)).toEqual([{ poleId: null, degree: '1d' }, { poleId: null, degree: '2d' }, { poleId: null, degree: null }]);
    expect(detectLayout(SHEET, POLES, { headerLine: 4 }).headerLine).toBe(4);
  });

  it('tells a pôle by its code, its name or both, and nothing else', () => {
    expect(scopeOfKey('PIAL-01 — PIAL Avignon Nord', POLES)).toEqual({ poleId: 1, degree: null });
    expect(scopeOfKey('  pial carpentras ', POLES)).toEqual({ poleId: 2, degree: null });
    expect(scopeOfKey('PIAL Sud-Luberon', POLES)).toBeNull();
    expect(scopeOfKey('Enquête académique', POLES)).toBeNull();
    expect(columnLetter(0)).toBe('A');
    expect(columnLetter(27)).toBe('AB');
  });

  it('proposes a figure for the usual headers', () => {
    expect(proposeFigure('Nombre d\'élèves notifiés')).toBe('notifies');
    expect(proposeFigure('dont accompagnés totalement (AESH-i)')).toBe('en-totalite/individuelle');
    expect(proposeFigure('Élèves sans AESH 2nd degré')).toBe('sans-aesh/2d');
    expect(proposeFigure('Nb d\'heures notifiées 1er degré')).toBe('heures-notifiees/1d');
    expect(proposeFigure('Heures effectivement placées')).toBe('heures-planifiees');
    expect(proposeFigure('ETP AESH')).toBe('etp');
    expect(proposeFigure('Nb d\'AESH')).toBe('aesh');
    expect(proposeFigure('% accompagnés en totalité')).toBe('taux-totalite');
    expect(proposeFigure('Élèves en ULIS')).toBe('ulis');
    expect(proposeFigure('Observations')).toBeNull();
    expect(proposeMapping(detectLayout(SHEET, POLES))).toEqual({
      sheet: 'Enquête AESH', headerLine: 5, keyColumn: 'PIAL',
      columns: { 'Élèves — Notifiés': 'notifies', 'Élèves — Accompagnés en totalité': 'en-totalite', 'Élèves — Sans AESH': 'sans-aesh', 'Moyens — ETP AESH': 'etp', 'Moyens — Nb d\'AESH': 'aesh' },
    });
  });
});

describe('a saved mapping', () => {
  it('names an unknown figure by its column', () => {
    const parsed = surveyMappingSchema.safeParse({ sheet: 'Enquête AESH', headerLine: 5, keyColumn: 'PIAL', columns: { 'Élèves — Notifiés': 'notifiés' } });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['columns.Élèves — Notifiés', 'colonne « Élèves — Notifiés » : indicateur « notifiés » inconnu.'],
    ]);
  });

  it('names a column the template lacks, with the header row', () => {
    const layout = detectLayout(SHEET, POLES);
    expect(mappingProblems(layout, { sheet: 'Enquête AESH', headerLine: 5, keyColumn: 'Pôle', columns: { 'Heures notifiées': 'heures-notifiees', 'Élèves — Notifiés': 'notifies' } })).toEqual([
      'La colonne des pôles « Pôle » n’est pas dans le modèle (ligne 5 de la feuille « Enquête AESH »).',
      'La colonne « Heures notifiées » de la correspondance n’est pas dans le modèle (ligne 5 de la feuille « Enquête AESH »).',
    ]);
  });
});
