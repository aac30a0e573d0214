// Writing cells safely: a text that a spreadsheet would take for a formula (=, +, -, @, tab,
// carriage return at the start) is neutralised with a leading apostrophe, as OWASP advises; the
// importer removes that apostrophe again, so a round trip changes nothing.
import * as XLSX from 'xlsx';

export type OutCell = string | number | Date | null | undefined;
const DANGEROUS = /^[=+\-@\t\r]/;

export function neutralise(value: OutCell): OutCell {
  return typeof value === 'string' && DANGEROUS.test(value) ? `'${value}` : value;
}

/** Where a sheet's table starts: the row of its header (0-based) and the number of rows under it. */
export interface TablePlace {
  headerRow: number;
  rows: number;
}

export interface SheetOptions {
  widths?: number[];
  /**
   * The table whose header is frozen and gets an auto-filter: by default the whole sheet under
   * its first row; a table further down (under a title and figures) by its place; none with false.
   */
  table?: TablePlace | false;
}

/**
 * A sheet from a header row and data rows: dates as real Excel dates, numbers as numbers. The
 * header is neutralised too: it may be a title made of the record's names (a pôle's code) or the
 * headers of a user's file (the refused rows).
 */
export function sheetOf(header: string[], rows: OutCell[][], options: SheetOptions = {}): XLSX.WorkSheet {
  const sheet = XLSX.utils.aoa_to_sheet([header, ...rows].map((row) => row.map(neutralise)), { cellDates: true, dateNF: 'dd/mm/yyyy' });
  sheet['!cols'] = (options.widths ?? header.map((h) => Math.max(10, h.length + 2))).map((wch) => ({ wch }));
  const table = options.table ?? { headerRow: 0, rows: rows.length };
  if (table !== false) {
    const width = Math.max(header.length, ...rows.map((row) => row.length));
    sheet['!autofilter'] = { ref: XLSX.utils.encode_range({ s: { r: table.headerRow, c: 0 }, e: { r: table.headerRow + table.rows, c: Math.max(0, width - 1) } }) };
    // SheetJS CE writes no frozen panes: workbookBytes adds them to the file from this mark.
    sheet['!freeze'] = { xSplit: 0, ySplit: table.headerRow + 1 };
  }
  return sheet;
}

/** A cell's number format, e.g. "0.0 %" (0.945 shows as 94,5 % in a French Excel). */
export function formatCells(sheet: XLSX.WorkSheet, column: number, fromRow: number, toRow: number, format: string): void {
  for (let r = fromRow; r <= toRow; r += 1) {
    const cell = sheet[XLSX.utils.encode_cell({ r, c: column })] as XLSX.CellObject | undefined;
    if (cell?.t === 'n') cell.z = format;
  }
}

/** The part of SheetJS's bundled zip library (CFB, untyped) that adds the frozen panes. */
interface ZipContainer { FullPaths: string[]; FileIndex: { content: Uint8Array }[] }
interface Zip {
  read(data: Uint8Array, options: { type: 'buffer' }): ZipContainer;
  write(container: ZipContainer, options: { fileType: 'zip'; type: 'buffer'; compression: true }): Uint8Array;
}
const zip = XLSX.CFB as Zip;

/** Writes the panes frozen over each marked sheet's header into the workbook's file. */
function freezePanes(bytes: Uint8Array, sheets: XLSX.WorkSheet[]): Uint8Array {
  if (!sheets.some((sheet) => sheet['!freeze'])) return bytes;
  const container = zip.read(bytes, { type: 'buffer' });
  // One index of the entries: the zip library's own find() walks them all for each sheet, which
  // took minutes for the timetables of a whole département (thousands of sheets).
  const entries = new Map(container.FullPaths.map((path, i) => [path.replace(/^[^/]*\//, '/'), container.FileIndex[i]!]));
  sheets.forEach((sheet, i) => {
    const rows = (sheet['!freeze'] as { ySplit: number } | undefined)?.ySplit;
    const entry = entries.get(`/xl/worksheets/sheet${i + 1}.xml`);
    if (rows === undefined || entry === undefined) return;
    const pane = `<sheetView workbookViewId="0"><pane ySplit="${rows}" topLeftCell="A${rows + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView>`;
    entry.content = Buffer.from(Buffer.from(entry.content).toString('utf8').replace('<sheetView workbookViewId="0"/>', pane), 'utf8');
  });
  return zip.write(container, { fileType: 'zip', type: 'buffer', compression: true });
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
  return freezePanes(XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Uint8Array, sheets.map(([, sheet]) => sheet));
}
