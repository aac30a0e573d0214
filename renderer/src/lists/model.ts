// The lists' sorting, filtering and search, done by TanStack Table (headless) over the rows the
// screen loaded; what the user chose lives in the store (per screen), so it outlives the screen.
import {
  getCoreRowModel, getFacetedRowModel, getFacetedUniqueValues, getFilteredRowModel, getSortedRowModel, useReactTable,
  type ColumnDef, type ColumnFiltersState, type FilterFn, type SortingFn, type Table,
} from '@tanstack/react-table';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Column, SortOrder } from '../components/VirtualTable.tsx';
import { EMPTY_LIST_VIEW, useUi, type ListView, type Screen } from '../store.ts';
import { matchesWords, searchText, searchWords } from './search.ts';

/** How a column's value is written to the workbook (and compared): minutes become hours. */
export type ValueType = 'text' | 'number' | 'date' | 'minutes';

export interface ListColumn<T> extends Column<T> {
  /** The column's id in the store (sorting): its header unless two columns share one. */
  id?: string;
  /** What the column sorts by and exports (an ISO date for a date); without it, neither. */
  value?(row: T): string | number | null;
  type?: ValueType;
}

export interface ListFilter<T> {
  id: string;
  /** What it filters by: "Pôle" (the select is "Filtrer par pôle"). */
  label: string;
  /** Its first option: "Tous les pôles". */
  all: string;
  /** The values a row has: a pupil may be "en partie" and "notification expirant" at once. */
  values(row: T): readonly string[];
  /** How a value reads in the select. */
  name(value: string): string;
  /** The options in this order rather than by name (situations read best in their own order). */
  order?: readonly string[];
}

const SEARCH = 'search';
const filterId = (id: string): string => `filter:${id}`;
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

const frenchOrder: SortingFn<unknown> = (a, b, id) => collator.compare(String(a.getValue(id)), String(b.getValue(id)));
const hasValue: FilterFn<unknown> = (row, id, value: string) => (row.getValue<readonly string[]>(id)).includes(value);
const hasWords: FilterFn<unknown> = (row, id, words: string[]) => matchesWords(words, row.getValue<string>(id));
// The query is split and folded once per search, not once per row.
hasWords.resolveFilterValue = (query: string) => searchWords(query);

function columnDefs<T>(columns: readonly ListColumn<T>[], filters: readonly ListFilter<T>[], searchIn: (row: T) => (string | null | undefined)[]): ColumnDef<T>[] {
  return [
    ...columns.map((c): ColumnDef<T> => ({
      id: c.id ?? c.header,
      // Absent values go last whichever the order: an empty end date is not the earliest one.
      accessorFn: (row) => c.value?.(row) ?? undefined,
      enableSorting: c.value !== undefined,
      sortUndefined: 'last',
      sortingFn: c.type === undefined || c.type === 'text' ? (frenchOrder as SortingFn<T>) : 'basic',
    })),
    ...filters.map((f): ColumnDef<T> => ({
      id: filterId(f.id), accessorFn: f.values, getUniqueValues: (row) => [...f.values(row)], filterFn: hasValue as FilterFn<T>, enableSorting: false,
    })),
    { id: SEARCH, accessorFn: (row) => searchText(searchIn(row)), filterFn: hasWords as FilterFn<T>, enableSorting: false },
  ];
}

export interface ListModel<T> {
  table: Table<T>;
  /** The rows shown, in their order. */
  shown: T[];
  /** The columns to draw, each sortable one with its order. */
  columns: Column<T>[];
  view: Pick<ListView, 'query' | 'filters' | 'sorting'>;
  /** How many rows each value of a filter would show, the other filters and the search applied. */
  counts(filter: ListFilter<T>): Map<string, number>;
  setQuery(query: string): void;
  setFilter(id: string, value: string): void;
  clear(): void;
}

export function useListModel<T extends { id: number }>(
  screen: Screen, rows: readonly T[], columns: readonly ListColumn<T>[], filters: readonly ListFilter<T>[],
  searchIn: (row: T) => (string | null | undefined)[],
): ListModel<T> {
  // Not the scroll position: the list does not redraw at each scrolled pixel.
  const view = useUi(useShallow((s) => {
    const { query, filters: chosen, sorting } = s.lists[screen] ?? EMPTY_LIST_VIEW;
    return { query, filters: chosen, sorting };
  }));
  const setList = useUi((s) => s.setList);
  const defs = useMemo(() => columnDefs(columns, filters, searchIn), [columns, filters, searchIn]);
  const columnFilters = useMemo((): ColumnFiltersState => [
    ...Object.entries(view.filters).map(([id, value]) => ({ id: filterId(id), value })),
    ...(searchWords(view.query).length > 0 ? [{ id: SEARCH, value: view.query }] : []),
  ], [view.filters, view.query]);
  const table = useReactTable<T>({
    data: rows as T[],
    columns: defs,
    state: { sorting: view.sorting, columnFilters },
    onSortingChange: (change) => setList(screen, { sorting: typeof change === 'function' ? change(view.sorting) : change }),
    getRowId: (row) => String(row.id),
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFacetedRowModel: getFacetedRowModel(),
    getFacetedUniqueValues: getFacetedUniqueValues(),
  });
  const rowModel = table.getRowModel();
  const shown = useMemo(() => rowModel.rows.map((row) => row.original), [rowModel]);
  const drawn = columns.map((c): Column<T> => {
    const column = table.getColumn(c.id ?? c.header)!;
    if (!column.getCanSort()) return c;
    const order = column.getIsSorted();
    const sortOrder: SortOrder = order === 'asc' ? 'ascending' : order === 'desc' ? 'descending' : 'none';
    return { ...c, sort: { order: sortOrder, toggle: column.getToggleSortingHandler()! } };
  });
  return {
    table,
    shown,
    columns: drawn,
    view,
    counts: (filter) => table.getColumn(filterId(filter.id))!.getFacetedUniqueValues() as Map<string, number>,
    setQuery: (query) => setList(screen, { query }),
    setFilter: (id, value) => {
      const { [id]: _old, ...others } = view.filters;
      setList(screen, { filters: value === '' ? others : { ...others, [id]: value } });
    },
    clear: () => setList(screen, { query: '', filters: {} }),
  };
}
