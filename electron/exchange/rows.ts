// One row of a file sheet read through its assignment: cells by workbook column, each read with a
// value reader after the user's value mapping; a refusal names the column and the reason, in French.
import type { z } from 'zod';
import { SHEETS, type SheetKey } from '../../shared/exchange/sheets.ts';
import type { SheetAssignment } from '../../shared/exchange/mapping.ts';
import { isBlank, shown, valueKey, type Cell, type Read } from '../../shared/exchange/values.ts';
import type { FileRow, FileSheet } from './read.ts';

export class RowRefusal extends Error {
  readonly column: string | null;
  constructor(column: string | null, reason: string) {
    super(reason);
    this.column = column;
  }
}

export interface RowReader {
  line: number;
  cells: Cell[];
  /** True when the file has this column: otherwise an update keeps the record's value. */
  has(key: string): boolean;
  read<T>(key: string, reader: (cell: Cell) => Read<T>): T;
  /** The row's natural key as written, to name it when a later row refers to a refused one. */
  key(column: string): string | null;
  need<T>(key: string, reader: (cell: Cell) => Read<T | null>): T;
}

export function label(target: SheetKey, key: string): string {
  return SHEETS[target].columns.find((c) => c.key === key)?.label ?? key;
}

/** The cell of a closed column as the user mapped its value ("AHI maison" → "individuelle"), else as it is. */
export function mappedCell(cell: Cell, values: ReadonlyMap<string, string> | undefined): Cell {
  return values === undefined || isBlank(cell) ? cell : values.get(valueKey(shown(cell))) ?? cell;
}

/** `values`: per column key, the user's value mapping (mapping.ts valuesOf). */
export function rowReaders(sheet: FileSheet, assignment: SheetAssignment, values: ReadonlyMap<string, ReadonlyMap<string, string>>): RowReader[] {
  const index = new Map(sheet.headers.map((header, i) => [header, i]));
  const position = (key: string): number | undefined => {
    const header = assignment.columns[key];
    return header === null || header === undefined ? undefined : index.get(header);
  };
  const missing = SHEETS[assignment.target].columns.filter((c) => c.required && position(c.key) === undefined);
  return sheet.rows.map((row: FileRow): RowReader => {
    const cell = (key: string): Cell => {
      const at = position(key);
      return at === undefined ? null : mappedCell(row.cells[at] ?? null, values.get(key));
    };
    const reader: RowReader = {
      line: row.line,
      cells: row.cells,
      has: (key) => position(key) !== undefined,
      key: (column) => {
        const value = cell(column);
        return value === null || String(value).trim() === '' ? null : String(value).trim();
      },
      read: (key, read) => {
        const result = read(cell(key));
        if (!result.ok) throw new RowRefusal(label(assignment.target, key), result.reason);
        return result.value;
      },
      need: (key, read) => {
        const value = reader.read(key, read);
        if (value === null) {
          const why = position(key) === undefined ? 'colonne obligatoire absente du fichier' : 'valeur obligatoire manquante';
          throw new RowRefusal(label(assignment.target, key), why);
        }
        return value;
      },
    };
    if (missing.length > 0) {
      const column = missing[0]!;
      return { ...reader, read: () => { throw new RowRefusal(column.label, 'colonne obligatoire absente du fichier'); } };
    }
    return reader;
  });
}

/**
 * Checks a row with the schema its form uses: one rule, one place. The first issue becomes the
 * row's refusal, on the column of the field (`columns` names the fields that are not a column key).
 */
export function checked<S extends z.ZodType>(target: SheetKey, schema: S, input: Record<string, unknown>, columns: Record<string, string> = {}): z.output<S> {
  // A blank cell is a field not given, as a form leaves it: the schema's default applies.
  for (const field in input) if (input[field] === null) input[field] = undefined;
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = String(issue.path[0] ?? '');
  throw new RowRefusal(field === '' ? null : label(target, columns[field] ?? field), issue.message);
}

/**
 * What the forms' schemas get for a reference: the importer resolves references by natural key
 * (a record of the file has no id yet), so the schema only needs to see that one is there.
 */
export const RESOLVED = 1;
export const resolved = (ref: object | null): number | null => (ref === null ? null : RESOLVED);
