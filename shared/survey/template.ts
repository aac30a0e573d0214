// The académie's own survey workbook: one row per PIAL (its code or name in a key column) or per
// degree, its own headers, often title lines above them. Here, pure: where its header row and key
// column are, what each row stands for, which figure each column is proposed, the mapping saved
// as JSON (checked with zod), and the cells to write for a date. Reading and writing the file
// itself (its formatting kept) is electron/exchange/template.ts.
import { z } from 'zod';
import { normaliseHeader } from '../exchange/sheets.ts';
import { DEGREE_LABELS, figureId, figureOf, type Aid, type Degree, type FigureUnit, type MeasureKey, type Scope, type SurveyFigures } from './figures.ts';

/** A sheet of the template as read: every line's cells as shown (index 0 is line 1), merged headers filled. */
export interface TemplateSheet {
  name: string;
  hidden: boolean;
  lines: string[][];
}
export interface TemplatePole {
  id: number;
  code: string;
  name: string;
}

export interface TemplateColumn {
  /** 0-based column index; the letter is what the spreadsheet shows. */
  index: number;
  letter: string;
  /** The header as the mapping names it: the header cell, after its group header when there is one. */
  label: string;
}
export interface TemplateRow {
  line: number;
  key: string;
  /** What the row stands for; null when the key names nothing of the record. */
  scope: Scope | null;
  /** In French: "PIAL-01 — PIAL Avignon Nord", "Département — 1er degré". */
  meaning: string | null;
}
export interface TemplateLayout {
  sheet: string;
  headerLine: number;
  keyColumn: TemplateColumn;
  columns: TemplateColumn[];
  rows: TemplateRow[];
}

/** The mapping of a template, saved once and reused: its header row, its key column, and each column's figure. */
export const surveyMappingSchema = z.object({
  sheet: z.string().min(1, 'Feuille du modèle manquante.'),
  headerLine: z.number({ error: 'Ligne des en-têtes manquante (un nombre).' }).int().min(1).max(1000),
  keyColumn: z.string().min(1, 'Colonne des pôles manquante.'),
  /** Header of the template → figure id (see shared/survey/figures.ts). */
  columns: z.record(z.string(), z.string()).superRefine((columns, ctx) => {
    for (const [header, id] of Object.entries(columns)) {
      if (figureOf(id) === undefined) ctx.addIssue({ code: 'custom', path: [header], message: `colonne « ${header} » : indicateur « ${id} » inconnu.` });
    }
  }),
});
export type SurveyMapping = z.output<typeof surveyMappingSchema>;

/** "A", …, "Z", "AA"… */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const TOTAL_KEYS = /^(total( general| departement(al)?)?|departement|ensemble|tous les poles)$/;
const DEGREE_KEYS: [Degree, RegExp][] = [
  ['1d', /\b(1er|1d|premier|1)( degre)?\b/],
  ['2d', /\b(2nd|2nde|2d|second|2eme|2)( degre)?\b/],
];
const DEGREE_WORD = /\b(degre|1d|2d)\b/;

/** What a key cell names: a pôle (its code, its name, or both), the département (a total), a degree, both. */
export function scopeOfKey(key: string, poles: readonly TemplatePole[]): Scope | null {
  const text = normaliseHeader(key);
  if (text === '') return null;
  const pole = poles.find((p) => {
    const code = normaliseHeader(p.code);
    const name = normaliseHeader(p.name);
    return text === code || text === name || text === `${code} ${name}` || text.startsWith(`${code} `);
  });
  if (pole !== undefined) return { poleId: pole.id, degree: null };
  if (TOTAL_KEYS.test(text)) return { poleId: null, degree: null };
  if (DEGREE_WORD.test(text) && text.split(' ').length <= 4) {
    const degree = DEGREE_KEYS.find(([, pattern]) => pattern.test(text))?.[0];
    if (degree !== undefined) return { poleId: null, degree };
  }
  return null;
}

function meaningOf(scope: Scope, poles: readonly TemplatePole[]): string {
  const pole = poles.find((p) => p.id === scope.poleId);
  const who = pole === undefined ? 'Département' : `${pole.code} — ${pole.name}`;
  return scope.degree === null ? who : `${who} — ${DEGREE_LABELS[scope.degree]}`;
}

const distinct = (cells: readonly string[]): number => new Set(cells.filter((c) => c.trim() !== '')).size;
/** Title lines are rarely more than a few; a header row is looked for among the first lines. */
const HEADER_SEARCH = 15;
const KEY_HEADER = /\b(pial|pole|poles|pas|degre|circonscription|libelle|nom|code)\b/;

/**
 * Where the table is: the key column is the one whose cells name the most pôles (or the
 * département, or a degree), the header row the nearest line above the first of them with two
 * different texts at least (a title, even merged across, is one). Without a known key, the header
 * row is the line among the first with the most different texts. Either may be given instead.
 */
export function detectLayout(sheet: TemplateSheet, poles: readonly TemplatePole[], chosen: { headerLine?: number; keyColumn?: string } = {}): TemplateLayout {
  const { lines } = sheet;
  const width = Math.max(0, ...lines.map((l) => l.length));
  const matches = (column: number): number[] =>
    lines.flatMap((cells, index) => (scopeOfKey(cells[column] ?? '', poles) !== null ? [index] : []));
  let bestColumn = -1;
  let bestMatches: number[] = [];
  for (let column = 0; column < width; column += 1) {
    const found = matches(column);
    if (found.length > bestMatches.length) [bestColumn, bestMatches] = [column, found];
  }
  let headerIndex = chosen.headerLine === undefined ? -1 : chosen.headerLine - 1;
  if (headerIndex < 0 && bestMatches.length > 0) {
    for (let index = bestMatches[0]! - 1; index >= 0 && headerIndex < 0; index -= 1) if (distinct(lines[index]!) >= 2) headerIndex = index;
  }
  if (headerIndex < 0) {
    const candidates = lines.slice(0, HEADER_SEARCH).map((cells, index) => ({ index, count: distinct(cells) }));
    headerIndex = candidates.reduce((a, b) => (b.count > a.count ? b : a), { index: 0, count: 0 }).index;
  }
  const columns = columnsOf(lines, headerIndex);
  // A key column without a header (a merged cell left empty) is still the key column.
  if (bestColumn >= 0 && !columns.some((c) => c.index === bestColumn)) {
    columns.push({ index: bestColumn, letter: columnLetter(bestColumn), label: `Colonne ${columnLetter(bestColumn)}` });
    columns.sort((a, b) => a.index - b.index);
  }
  const keyColumn = columns.find((c) => c.label === chosen.keyColumn)
    ?? columns.find((c) => c.index === bestColumn)
    ?? columns.find((c) => KEY_HEADER.test(normaliseHeader(c.label)))
    ?? columns[0]
    ?? { index: 0, letter: 'A', label: 'Colonne A' };
  const rows: TemplateRow[] = [];
  for (let index = headerIndex + 1; index < lines.length; index += 1) {
    const key = (lines[index]![keyColumn.index] ?? '').trim();
    if (key === '') continue;
    const scope = scopeOfKey(key, poles);
    rows.push({ line: index + 1, key, scope, meaning: scope === null ? null : meaningOf(scope, poles) });
  }
  return { sheet: sheet.name, headerLine: headerIndex + 1, keyColumn, columns, rows };
}

/**
 * The columns under their headers. A line above the header row with several different texts is a
 * group header ("1er degré" over "Notifiés", "En totalité"): its text comes first in the label. Two
 * columns of one label are told apart by their letter.
 */
function columnsOf(lines: readonly string[][], headerIndex: number): TemplateColumn[] {
  const header = lines[headerIndex] ?? [];
  const above = headerIndex > 0 ? lines[headerIndex - 1]! : [];
  const grouped = distinct(above) >= 2;
  const columns: TemplateColumn[] = [];
  for (let index = 0; index < Math.max(header.length, grouped ? above.length : 0); index += 1) {
    const own = (header[index] ?? '').trim();
    const group = grouped ? (above[index] ?? '').trim() : '';
    const label = group === '' || group === own ? own : own === '' ? group : `${group} — ${own}`;
    if (label !== '') columns.push({ index, letter: columnLetter(index), label });
  }
  const seen = new Map<string, number>();
  for (const c of columns) seen.set(c.label, (seen.get(c.label) ?? 0) + 1);
  return columns.map((c) => ((seen.get(c.label) ?? 0) > 1 ? { ...c, label: `${c.label} (${c.letter})` } : c));
}

/** Words of a header and the measure they name, most specific first. */
const MEASURE_WORDS: [RegExp, MeasureKey][] = [
  [/\betp\b|equivalent temps plein/, 'etp'],
  [/\btaux\b|pourcentage|\bpart\b/, 'taux-totalite'],
  [/attente|\bjours\b|delai/, 'attente-moyenne'],
  [/moyenne/, 'moyenne-heures'],
  [/referent/, 'aesh-referents'],
  [/\bcdd\b/, 'aesh-cdd'],
  [/\bcdi\b/, 'aesh-cdi'],
];
const HOURS_WORDS: [RegExp, MeasureKey][] = [
  [/contrat/, 'heures-contrat'],
  [/disponible|restant|non utilise/, 'heures-disponibles'],
  [/pause|meridien/, 'heures-pause-meridienne'],
  [/mutualis/, 'heures-mutualisees'],
  [/realise|effectu|assure/, 'heures-realisees'],
  [/aesh/, 'heures-aesh-planifiees'],
  [/planifi|place|programm|attribue|couvert|prevu/, 'heures-planifiees'],
  [/notifi|accord|prescri/, 'heures-notifiees'],
];
const PUPIL_WORDS: [RegExp, MeasureKey][] = [
  [/ulis|collectiv|aesh co\b/, 'ulis'],
  [/sans aesh|non accompagn|sans accompagn|en attente|aucun|sans aide/, 'sans-aesh'],
  [/partiel|en partie/, 'en-partie'],
  [/totalit|totalement|integral|entierement|complet/, 'en-totalite'],
  [/notifi|beneficiaire|eleves?\b/, 'notifies'],
  [/\baesh\b|personnes|effectif/, 'aesh'],
];

/** The figure a header most likely means, or null: its measure, then its kind of aid and its degree. */
export function proposeFigure(header: string): string | null {
  // "Nb d'AESH", "AESH-i": the punctuation separates words ("%" is a rate).
  const text = normaliseHeader(header.normalize('NFC').replace(/%/g, ' taux ').replace(/[^\p{L}\p{N}\s]+/gu, ' '));
  const find = (words: [RegExp, MeasureKey][]): MeasureKey | undefined => words.find(([pattern]) => pattern.test(text))?.[1];
  let measure = find(MEASURE_WORDS) ?? (/\bheures?\b|\bh\b|horaire/.test(text) ? find(HOURS_WORDS) ?? 'heures-notifiees' : find(PUPIL_WORDS));
  if (measure === undefined) return null;
  if (measure === 'ulis' && /accompagn|avec/.test(text)) measure = 'ulis-accompagnes';
  const aid: Aid | null = /individu|aesh i\b|\bahi\b/.test(text) ? 'individuelle' : /mutualis|aesh m\b|\bahm\b/.test(text) ? 'mutualisee' : null;
  const degree = DEGREE_KEYS.find(([, pattern]) => pattern.test(text) && DEGREE_WORD.test(text))?.[0] ?? null;
  return figureId(measure, aid, degree);
}

/** A mapping proposed from the headers: every column but the key column whose header names a figure. */
export function proposeMapping(layout: TemplateLayout): SurveyMapping {
  const columns: Record<string, string> = {};
  for (const column of layout.columns) {
    if (column.index === layout.keyColumn.index) continue;
    const figure = proposeFigure(column.label);
    if (figure !== null) columns[column.label] = figure;
  }
  return { sheet: layout.sheet, headerLine: layout.headerLine, keyColumn: layout.keyColumn.label, columns };
}

/** What the saved mapping names and the template lacks, in French, naming the header row. */
export function mappingProblems(layout: TemplateLayout, mapping: SurveyMapping): string[] {
  const where = `ligne ${layout.headerLine} de la feuille « ${layout.sheet} »`;
  const labels = new Set(layout.columns.map((c) => c.label));
  const problems: string[] = [];
  if (!labels.has(mapping.keyColumn)) problems.push(`La colonne des pôles « ${mapping.keyColumn} » n’est pas dans le modèle (${where}).`);
  for (const header of Object.keys(mapping.columns)) {
    if (!labels.has(header)) problems.push(`La colonne « ${header} » de la correspondance n’est pas dans le modèle (${where}).`);
  }
  return problems;
}

/** A value to write in the template (line 1-based, column 0-based), with its unit for the cell's format. */
export interface CellWrite {
  line: number;
  column: number;
  value: number | null;
  unit: FigureUnit;
}

/**
 * The cells to write for the figures of a date, and what is left as it was, in French: rows whose
 * key names nothing of the record, and cells of a figure not split that way (the AESH by degree).
 */
export function planFill(layout: TemplateLayout, mapping: SurveyMapping, figures: SurveyFigures): { writes: CellWrite[]; notices: string[] } {
  const writes: CellWrite[] = [];
  const notices = layout.rows.filter((r) => r.scope === null)
    .map((r) => `Ligne ${r.line} : « ${r.key} » n’est ni un pôle du dossier, ni le département, ni un degré ; ligne laissée telle quelle.`);
  for (const [label, id] of Object.entries(mapping.columns)) {
    const column = layout.columns.find((c) => c.label === label);
    const figure = figureOf(id);
    if (column === undefined || figure === undefined || column.index === layout.keyColumn.index) continue;
    const left: number[] = [];
    for (const row of layout.rows) {
      if (row.scope === null) continue;
      const result = figures.value(figure, row.scope);
      if ('none' in result) left.push(row.line);
      else writes.push({ line: row.line, column: column.index, value: result.value, unit: figure.unit });
    }
    if (left.length > 0) {
      notices.push(`Colonne « ${label} » (${column.letter}) : « ${figure.label} » n’a pas de valeur pour ${left.length === 1 ? 'la ligne' : 'les lignes'} ${left.join(', ')} (pas de découpage par degré, ou un autre degré) ; ${left.length === 1 ? 'cellule laissée telle quelle' : 'cellules laissées telles quelles'}.`);
    }
  }
  return { writes, notices };
}
