// Writing cells safely: a text that a spreadsheet would take for a formula (=, +, -, @, tab,
// carriage return at the start) is neutralised with a leading apostrophe, as OWASP advises; the
// importer removes that apostrophe again, so a round trip changes nothing.
import * as XLSX from 'xlsx';

export type OutCell = string | number | Date | null | undefined;
const DANGEROUS = /^[=+\-@\t\r]/;

export function neutralise(value: OutCell): OutCell {
  return typeof value === 'string' && DANGEROUS.test(value) ? `'${value}` : value;
}

export interface SheetOptions {
  widths?: number[];
  /** Freeze the header row and put an auto-filter on it. */
  table?: boolean;
}

/**
 * A sheet from a header row and data rows: dates as real Excel dates, numbers as numbers. The
 * header is neutralised too: it may be a title made of the record's names (a pôle's code) or the
 * headers of a user's file (the refused rows).
 */
export function sheetOf(header: string[], rows: OutCell[][], options: SheetOptions = {}): XLSX.WorkSheet {
  const sheet = XLSX.utils.aoa_to_sheet([header, ...rows].map((row) => row.map(neutralise)), { cellDates: true, dateNF: 'dd/mm/yyyy' });
  sheet['!cols'] = (options.widths ?? header.map((h) => Math.max(10, h.length + 2))).map((wch) => ({ wch }));
  if (options.table !== false && rows.length >= 0) {
    sheet['!autofilter'] = { ref: XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows.length, c: Math.max(0, header.length - 1) } }) };
    sheet['!freeze'] = { xSplit: 0, ySplit: 1 };
    (sheet as { '!views'?: unknown })['!views'] = [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2' }];
  }
  return sheet;
}

/** Sheet names: 31 characters at most, none of : \ / ? * [ ], unique within the workbook. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31).trim() || 'Feuille';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

export function workbookBytes(sheets: [string, XLSX.WorkSheet][]): Uint8Array {
  const book = XLSX.utils.book_new();
  const taken = new Set<string>();
  for (const [name, sheet] of sheets) XLSX.utils.book_append_sheet(book, sheet, sheetName(name, taken));
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Uint8Array;
}
