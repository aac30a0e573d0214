// The screen every list shares (Élèves, AESH, Établissements, Alertes, Pôles): a virtual table
// sorted, filtered and searched through TanStack Table (renderer/src/lists/model.ts), the count of
// what is shown, its export, and a side panel with the selected record's form (or a new one).
import { useEffect, useState, type ReactNode } from 'react';
import type { ListKind } from '../../../shared/api/contract.ts';
import { countOf } from '../../../shared/domain/french.ts';
import { formatInteger } from '../../../shared/domain/hours.ts';
import { useApi } from '../api.ts';
import { download } from '../files.ts';
import { exportRequest } from '../lists/exportList.ts';
import { useListModel, type ListColumn, type ListFilter, type ListModel } from '../lists/model.ts';
import { useUi, type Screen } from '../store.ts';
import { Loading, ScreenHeader, SearchBox } from './common.tsx';
import { SidePanel, type Selection } from './SidePanel.tsx';
import { VirtualTable } from './VirtualTable.tsx';

/** How the list counts its rows: "1 élève", "15 001 élèves", "Aucun élève". */
export interface Nouns {
  one: string;
  other: string;
  none: string;
}

interface Props<T extends { id: number }> {
  screen: Screen;
  title: string;
  nouns: Nouns;
  searchLabel: string;
  /** What an empty list says, when no search or filter empties it ("Aucun élève pour l’instant."). */
  nothing?: string;
  /** The rows (undefined while loading), with the error that kept them away. */
  rows: readonly T[] | undefined;
  error?: string | null;
  columns: readonly ListColumn<T>[];
  /** The columns of the workbook, when it has more than the screen (the alerts' full message). */
  exportColumns?: readonly ListColumn<T>[];
  filters?: readonly ListFilter<T>[];
  /** The fields the search looks in (a stable function: the search text is computed once per row). */
  searchIn(row: T): (string | null | undefined)[];
  /** The workbook "Exporter" writes; no button without it. */
  exportAs?: ListKind;
  /** More controls in the header (the date of the alerts). */
  actions?: ReactNode;
  rowHeight?: number;
  /** A record form in a side panel; or, without one, what opening a row does. */
  panel?: {
    newLabel: string;
    title(row: T): string;
    render(selection: number | 'new', onDone: (id: number | null) => void): ReactNode;
  };
  onOpen?(row: T): void;
}

const NO_FILTERS: readonly ListFilter<never>[] = [];

function Filters<T>({ model, filters }: { model: ListModel<T>; filters: readonly ListFilter<T>[] }): ReactNode {
  return filters.map((filter) => {
    const counts = model.counts(filter);
    const chosen = model.view.filters[filter.id] ?? '';
    // A fixed set (situations, severities) shows all its values, even those with none; the others
    // the values the rows have.
    const values = filter.order ? [...filter.order]
      : [...counts.keys()].map((v) => [v, filter.name(v)] as const).sort((a, b) => a[1].localeCompare(b[1], 'fr')).map(([v]) => v);
    if (chosen !== '' && !values.includes(chosen)) values.unshift(chosen);
    return (
      <select key={filter.id} aria-label={`Filtrer par ${filter.label.toLowerCase()}`} value={chosen} onChange={(e) => model.setFilter(filter.id, e.target.value)}
        className={chosen === '' ? undefined : 'active'}>
        <option value="">{filter.all}</option>
        {values.map((v) => <option key={v} value={v}>{filter.name(v)} ({formatInteger(counts.get(v) ?? 0)})</option>)}
      </select>
    );
  });
}

function EmptyList({ nouns, nothing, query, filters, onClear }: { nouns: Nouns; nothing?: string; query: string; filters: number; onClear(): void }): ReactNode {
  const words = query.trim();
  if (words === '' && filters === 0) return <p className="notice list-empty">{nothing ?? `${nouns.none} pour l’instant.`}</p>;
  const what = words === '' ? 'à ces filtres' : `à « ${words} »${filters > 0 ? ' avec ces filtres' : ''}`;
  return (
    <div className="notice list-empty" role="status">
      <p>{nouns.none} ne correspond {what}.</p>
      <button type="button" onClick={onClear}>Effacer la recherche et les filtres</button>
    </div>
  );
}

export function ListScreen<T extends { id: number }>(props: Props<T>): ReactNode {
  const api = useApi();
  const notify = useUi((s) => s.notify);
  const setList = useUi((s) => s.setList);
  const model = useListModel(props.screen, props.rows ?? [], props.columns, props.filters ?? NO_FILTERS, props.searchIn);
  const [exporting, setExporting] = useState(false);
  // Arriving from an alert or a dashboard figure: open the record it named. The render only reads
  // the focus (it may run twice); the effect then clears it so that it is not opened again later.
  const [selection, setSelection] = useState<Selection>(() => {
    const { focus } = useUi.getState();
    return focus !== null && focus.screen === props.screen ? focus.id : null;
  });
  useEffect(() => {
    useUi.getState().takeFocus(props.screen);
  }, [props.screen]);
  // Where the list was left: read once on arrival, written as the user scrolls (without redrawing).
  const [initialScroll] = useState(() => useUi.getState().lists[props.screen]?.scroll ?? 0);

  const total = props.rows?.length ?? 0;
  const shown = model.shown.length;
  const filtered = model.view.query.trim() !== '' || Object.keys(model.view.filters).length > 0;
  const selected = typeof selection === 'number' ? props.rows?.find((row) => row.id === selection) : undefined;
  const exportShown = async (): Promise<void> => {
    setExporting(true);
    try {
      const file = await api('lists.export', exportRequest(props.exportAs!, props.exportColumns ?? props.columns, model.shown));
      download(file.fileName, file.dataBase64);
      notify(`${countOf(shown, props.nouns.one, props.nouns.other)} exporté${shown > 1 ? 's' : ''} dans ${file.fileName}.`);
    } catch (error) {
      notify((error as Error).message, 'error');
    } finally {
      setExporting(false);
    }
  };
  return (
    <div className="list-screen">
      <section className="list-pane">
        <ScreenHeader title={props.title}>
          {props.actions}
          {props.panel ? <button type="button" className="primary" onClick={() => setSelection('new')}>{props.panel.newLabel}</button> : null}
        </ScreenHeader>
        <div className="filters list-filters" role="group" aria-label="Filtres">
          <SearchBox label={props.searchLabel} value={model.view.query} onChange={model.setQuery} />
          <Filters model={model} filters={props.filters ?? NO_FILTERS} />
          {filtered ? <button type="button" className="link" onClick={model.clear}>Effacer les filtres</button> : null}
          <span className="list-count" role="status">
            {countOf(shown, props.nouns.one, props.nouns.other)}{shown !== total ? ` sur ${formatInteger(total)}` : ''}
          </span>
          {props.exportAs ? (
            <button type="button" disabled={exporting || shown === 0} onClick={() => void exportShown()} title="Les lignes affichées, dans cet ordre, en classeur Excel">
              Exporter (xlsx)
            </button>
          ) : null}
        </div>
        {props.rows === undefined ? <Loading error={props.error} /> : shown === 0 ? (
          <EmptyList nouns={props.nouns} nothing={props.nothing} query={model.view.query} filters={Object.keys(model.view.filters).length} onClear={model.clear} />
        ) : (
          <VirtualTable
            label={props.title} rows={model.shown} columns={model.columns} rowKey={(row) => row.id} selected={selected?.id}
            onOpen={(row) => (props.panel ? setSelection(row.id) : props.onOpen?.(row))}
            rowHeight={props.rowHeight} initialScroll={initialScroll}
            onScroll={(scroll) => setList(props.screen, { scroll })}
            resetKey={JSON.stringify([model.view.query, model.view.filters, model.view.sorting])}
          />
        )}
      </section>
      {props.panel && selection !== null ? (
        <SidePanel title={selected ? props.panel.title(selected) : props.panel.newLabel} onClose={() => setSelection(null)}>
          <div key={selection}>{props.panel.render(selection, setSelection)}</div>
        </SidePanel>
      ) : null}
    </div>
  );
}
