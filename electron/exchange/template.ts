// The académie's survey template as a file: read for its layout (SheetJS, as the importer reads a
// file: merged headers filled), then filled with xlsx-populate, which writes the workbook back
// with everything it does not touch (styles, widths, merged cells, other sheets, formulas).
// SheetJS community edition would drop the styles.
import { basename, extname } from 'node:path';
import XlsxPopulate from 'xlsx-populate';
import { ApiError } from '../../shared/api/errors.ts';
import { shown } from '../../shared/exchange/values.ts';
import type { CellWrite, TemplateSheet } from '../../shared/survey/template.ts';
import { readWorkbook } from './read.ts';

/** A template is a table of a few hundred rows at most: a larger sheet is read this far only. */
const MAX_LINES = 2000;
const MAX_COLUMNS = 200;

function checkXlsx(fileName: string): void {
  // xlsx-populate reads and writes Office Open XML only: an .xls or .ods is saved as .xlsx first.
  if (!['.xlsx', '.xlsm'].includes(extname(fileName).toLowerCase())) {
    throw new ApiError('refused', `« ${basename(fileName)} » : un modèle d’enquête doit être un classeur .xlsx (enregistrez-le au format Excel .xlsx depuis le tableur).`);
  }
}

/** Every sheet of the template, its cells as shown; the file's size is checked against the settings' limit. */
export function readTemplate(bytes: Uint8Array, fileName: string, maxMegabytes: number): TemplateSheet[] {
  checkXlsx(fileName);
  return readWorkbook(bytes, fileName, maxMegabytes).map((sheet) => ({
    name: sheet.name,
    hidden: sheet.hidden,
    lines: sheet.grid.slice(0, MAX_LINES).map((cells) => cells.slice(0, MAX_COLUMNS).map((c) => (c === null ? '' : shown(c)))),
  }));
}

/**
 * The template with the values written into its sheet, and nothing else changed. A cell holding a
 * formula keeps it (a total row summing the pôles): its line is returned, to be said. A rate goes
 * in as a fraction under a percentage format, as a percentage (94,5) under any other.
 */
export async function fillTemplate(bytes: Uint8Array, fileName: string, sheetName: string, writes: readonly CellWrite[]): Promise<{ bytes: Uint8Array; formulasKept: CellWrite[] }> {
  checkXlsx(fileName);
  let workbook;
  try {
    workbook = await XlsxPopulate.fromDataAsync(bytes);
  } catch (error) {
    throw new ApiError('refused', `« ${basename(fileName)} » illisible : ${(error as Error).message}. Vérifiez qu’il s’ouvre dans le tableur, puis enregistrez-le à nouveau.`);
  }
  const sheet = workbook.sheet(sheetName);
  if (sheet === undefined) throw new ApiError('refused', `La feuille « ${sheetName} » n’est pas dans « ${basename(fileName)} ».`);
  const formulasKept: CellWrite[] = [];
  for (const write of writes) {
    const cell = sheet.cell(write.line, write.column + 1);
    if (cell.formula() !== undefined) {
      formulasKept.push(write);
      continue;
    }
    const format = cell.style('numberFormat');
    const percent = typeof format === 'string' && format.includes('%');
    const value = write.value === null || write.unit !== 'rate' || percent ? write.value : Math.round(write.value * 1000) / 10;
    cell.value(value ?? undefined);
  }
  return { bytes: await workbook.outputAsync({ type: 'uint8array' }), formulasKept };
}
