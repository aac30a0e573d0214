// Reading a spreadsheet file (.xlsx, .xls, .ods, .csv) into plain rows with SheetJS.
import { basename, extname } from 'node:path';
import * as XLSX from 'xlsx';
import { ApiError } from '../../shared/api/errors.ts';
import type { Cell } from '../../shared/exchange/values.ts';

export interface FileRow {
  /** The row's number as the spreadsheet shows it (1-based). */
  line: number;
  cells: Cell[];
}
export interface FileSheet {
  name: string;
  headers: string[];
  rows: FileRow[];
}

const READABLE = new Set(['.xlsx', '.xlsm', '.xls', '.ods', '.csv']);

/** CSV files from French offices come as UTF-8 (with or without BOM) or as Windows-1252. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function isEmpty(cells: readonly Cell[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

/**
 * Reads every sheet: the first non-empty row is the header row; empty rows are skipped. A file
 * over `maxMegabytes` (a setting) is refused before SheetJS sees a byte of it.
 */
export function readWorkbook(bytes: Uint8Array, fileName: string, maxMegabytes: number): FileSheet[] {
  const extension = extname(fileName).toLowerCase();
  if (!READABLE.has(extension)) {
    throw new ApiError('refused', `« ${basename(fileName)} » : format non pris en charge (xlsx, xls, ods ou csv attendu).`);
  }
  if (bytes.byteLength > maxMegabytes * 1024 * 1024) {
    throw new ApiError('refused', `« ${basename(fileName)} » : fichier trop volumineux (${(bytes.byteLength / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo, ` +
      `${maxMegabytes} Mo au plus d’après les Paramètres). Rien n’a été lu.`);
  }
  const unreadable = (error: unknown): ApiError =>
    new ApiError('refused', `« ${basename(fileName)} » illisible : ${(error as Error).message}. Vérifiez qu’il s’ouvre dans le tableur, puis enregistrez-le à nouveau.`);
  let workbook: XLSX.WorkBook;
  try {
    const options = { cellDates: true, cellFormula: false, cellHTML: false, dense: true } as const;
    // raw: a CSV's cells stay text, read by our French readers (SheetJS would take 01/10/2028 for 10 January).
    workbook = extension === '.csv' ? XLSX.read(decodeText(bytes), { ...options, type: 'string', raw: true }) : XLSX.read(bytes, { ...options, type: 'buffer' });
  } catch (error) {
    throw unreadable(error);
  }
  // A CSV holds one sheet: it is named after the file ("Élèves.csv" feeds the sheet Élèves).
  const csvName = extension === '.csv' ? basename(fileName, extension) : null;
  return workbook.SheetNames.map((name) => {
    let grid: Cell[][];
    try {
      // A damaged file may be read, then fail on a cell of an unknown type.
      grid = XLSX.utils.sheet_to_json<Cell[]>(workbook.Sheets[name]!, { header: 1, raw: true, defval: null, blankrows: true });
    } catch (error) {
      throw unreadable(error);
    }
    const headerIndex = grid.findIndex((cells) => !isEmpty(cells));
    const headers = headerIndex < 0 ? [] : grid[headerIndex]!.map((h) => (h === null ? '' : String(h).trim()));
    const rows: FileRow[] = [];
    for (let i = headerIndex + 1; headerIndex >= 0 && i < grid.length; i += 1) {
      const cells = grid[i]!;
      if (!isEmpty(cells)) rows.push({ line: i + 1, cells });
    }
    return { name: csvName ?? name, headers, rows };
  });
}
