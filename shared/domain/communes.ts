// The French communes with their centre, offline: the school form finds a school's coordinates
// from its commune instead of asking for a latitude and a longitude. The table (communes.json,
// written by build/communes.mjs from the official list of communes and GeoNames' centres) holds
// every current commune with its postcodes and département, and the centre of the 8 500 of over
// 1 000 inhabitants or so; the others keep none, and their coordinates are typed by hand.
import { fold } from './collate.ts';

type Row = [name: string, departement: string, postcodes: string, latitude?: number, longitude?: number];

export interface CommuneTable {
  source: string;
  departements: Record<string, string>;
  communes: Row[];
}

export interface Commune {
  name: string;
  departement: string;
  departementName: string;
  postcodes: string[];
  /** The centre, or null where the table has none. */
  centre: { latitude: number; longitude: number } | null;
}

export interface CommuneIndex {
  table: CommuneTable;
  /** Each row's name folded (no accents, case or punctuation), in the table's order. */
  folded: string[];
}

const searchable = (text: string): string => fold(text).replace(/[^a-z0-9]+/g, ' ').trim();

export function indexCommunes(table: CommuneTable): CommuneIndex {
  return { table, folded: table.communes.map((row) => searchable(row[0])) };
}

let loading: Promise<CommuneIndex> | undefined;

/** The table, read once and in a chunk of its own: a megabyte that only the school form needs. */
export function loadCommunes(): Promise<CommuneIndex> {
  // JSON's tuples read as plain arrays; build/communes.mjs writes exactly the rows typed here.
  loading ??= import('./communes.json').then((module) => indexCommunes(module.default as unknown as CommuneTable));
  return loading;
}

function communeOf(table: CommuneTable, row: Row): Commune {
  const [name, departement, postcodes, latitude, longitude] = row;
  return {
    name,
    departement,
    departementName: table.departements[departement] ?? departement,
    postcodes: postcodes === '' ? [] : postcodes.split(' '),
    centre: latitude === undefined || longitude === undefined ? null : { latitude, longitude },
  };
}

/** "Apt (84400, Vaucluse)": what tells homonyms apart in a list of suggestions. */
export function describeCommune(commune: Commune): string {
  const postcode = commune.postcodes[0] ?? commune.departement;
  return `${commune.name} (${postcode}, ${commune.departementName})`;
}

/**
 * The communes a query names, best first: words found in the name, accents, case and hyphens
 * ignored ("saturnin apt" finds Saint-Saturnin-lès-Apt), and for a number the start of a postcode
 * or of the département ("84", "84400"). The name itself comes first, then names starting with the
 * query, then the others; within each, communes with a centre (the larger ones) first.
 */
export function searchCommunes(index: CommuneIndex, query: string, limit = 8): Commune[] {
  const words = searchable(query).split(' ').filter((w) => w !== '');
  const numbers = words.filter((w) => /^\d/.test(w));
  const textWords = words.filter((w) => !/^\d/.test(w));
  const text = textWords.join(' ');
  if (text === '' && numbers.length === 0) return [];
  const scored: { row: Row; score: number }[] = [];
  index.table.communes.forEach((row, i) => {
    const name = index.folded[i]!;
    if (!textWords.every((w) => name.includes(w))) return;
    if (!numbers.every((n) => row[1].toLowerCase().startsWith(n) || row[2].split(' ').some((p) => p.startsWith(n)))) return;
    const score = (name === text ? 0 : name.startsWith(text) ? 1 : 2) * 2 + (row[3] === undefined ? 1 : 0);
    scored.push({ row, score });
  });
  // A stable sort keeps the table's French alphabetical order within a score.
  return scored.sort((a, b) => a.score - b.score).slice(0, limit).map(({ row }) => communeOf(index.table, row));
}
