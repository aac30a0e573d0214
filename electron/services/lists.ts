// A list as the screen shows it (its filters, search and order applied, its columns) written to a
// workbook. The renderer sends the cells it shows, so the file cannot disagree with the screen;
// the cells go through the exchange's writer: formula-like text neutralised, dates as real dates,
// frozen header and auto-filter.
import type { ApiHandlers, ListKind } from '../../shared/api/contract.ts';
import { todayIso } from '../../shared/domain/dates.ts';
import { sheetOf, workbookBytes, type OutCell } from '../exchange/cells.ts';
import type { ServiceContext } from './context.ts';

type ListHandlers = Pick<ApiHandlers, 'lists.export'>;

const TITLES: Record<ListKind, { sheet: string; file: string }> = {
  pupils: { sheet: 'Élèves', file: 'eleves' },
  aesh: { sheet: 'AESH', file: 'aesh' },
  schools: { sheet: 'Établissements', file: 'etablissements' },
  alerts: { sheet: 'Alertes', file: 'alertes' },
};
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function listHandlers(ctx: ServiceContext): ListHandlers {
  return {
    'lists.export': ({ kind, columns, rows }) => {
      const cells = rows.map((row) => columns.map((column, index): OutCell => {
        const value = row[index] ?? null;
        return column.type === 'date' && typeof value === 'string' && ISO_DAY.test(value) ? new Date(`${value}T00:00:00Z`) : value;
      }));
      const widths = columns.map((column, index) => Math.min(60, Math.max(10, column.header.length + 2, ...rows.slice(0, 200).map((row) => String(row[index] ?? '').length + 1))));
      const bytes = workbookBytes([[TITLES[kind].sheet, sheetOf(columns.map((c) => c.header), cells, { widths })]]);
      return Promise.resolve({ fileName: `${TITLES[kind].file}-${todayIso(ctx.now())}.xlsx`, dataBase64: Buffer.from(bytes).toString('base64') });
    },
  };
}
