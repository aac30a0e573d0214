// Hand-made spreadsheet files for the import tests, written with SheetJS as a user's Excel would.
import * as XLSX from 'xlsx';

export type Cells = (string | number | boolean | Date | null)[];

export function workbook(sheets: Record<string, Cells[]>, bookType: XLSX.BookType = 'xlsx'): string {
  const book = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows, { cellDates: true }), name);
  return Buffer.from(XLSX.write(book, { type: 'buffer', bookType }) as Uint8Array).toString('base64');
}

export function csv(rows: Cells[]): string {
  const line = (cells: Cells): string => cells.map((c) => (c === null ? '' : /[";\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',');
  return Buffer.from(rows.map(line).join('\n'), 'utf8').toString('base64');
}

export function readBack(base64: string): Record<string, unknown[][]> {
  const book = XLSX.read(Buffer.from(base64, 'base64'), { cellDates: true });
  return Object.fromEntries(book.SheetNames.map((name) => [name, XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[name]!, { header: 1, raw: true, defval: null })]));
}
