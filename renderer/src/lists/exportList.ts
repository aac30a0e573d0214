// "Exporter" writes what the list shows, in its order and with its columns, to a workbook: the
// services write it (electron/services/lists.ts), with the exchange's safeguards on every cell.
import type { ApiInput, ListKind } from '../../../shared/api/contract.ts';
import type { ListColumn } from './model.ts';

type ExportRequest = ApiInput<'lists.export'>;
type Cell = ExportRequest['rows'][number][number];

function cellOf<T>(column: ListColumn<T>, row: T): Cell {
  const value = column.value!(row);
  // Hours as a number of hours, which a spreadsheet sums; the screen writes them "12 h 30".
  return column.type === 'minutes' && typeof value === 'number' ? Math.round((value / 60) * 100) / 100 : value;
}

export function exportRequest<T>(kind: ListKind, columns: readonly ListColumn<T>[], shown: readonly T[]): ExportRequest {
  const exported = columns.filter((c) => c.value !== undefined);
  return {
    kind,
    columns: exported.map((c) => ({
      header: c.type === 'minutes' ? `${c.header} (h)` : c.header,
      type: c.type === 'date' ? 'date' : c.type === 'number' || c.type === 'minutes' ? 'number' : 'text',
    })),
    rows: shown.map((row) => exported.map((c) => cellOf(c, row))),
  };
}
