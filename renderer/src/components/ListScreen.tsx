// The screen every record kind shares: a searchable virtual list, and a side panel that shows the
// selected record's form (or a new one).
import { useEffect, useState, type ReactNode } from 'react';
import { Loading, matches, ScreenHeader, SearchBox } from './common.tsx';
import { SidePanel, type Selection } from './SidePanel.tsx';
import { VirtualTable, type Column } from './VirtualTable.tsx';
import type { ApiData } from '../useApiData.ts';
import { useUi, type Screen } from '../store.ts';

interface Props<T extends { id: number }> {
  screen: Screen;
  title: string;
  /** The words of the buttons and panel: "Nouvel élève", "Rechercher un élève". */
  newLabel: string;
  searchLabel: string;
  list: ApiData<T[]>;
  columns: readonly Column<T>[];
  searchIn(row: T): (string | null | undefined)[];
  panelTitle(row: T): string;
  renderPanel(selection: number | 'new', onDone: (id: number | null) => void): ReactNode;
}

export function ListScreen<T extends { id: number }>(props: Props<T>): ReactNode {
  const [query, setQuery] = useState('');
  // Arriving from an alert or a dashboard figure: open the record it named. The render only reads
  // the focus (it may run twice); the effect then clears it so that it is not opened again later.
  const [selection, setSelection] = useState<Selection>(() => {
    const { focus } = useUi.getState();
    return focus !== null && focus.screen === props.screen ? focus.id : null;
  });
  useEffect(() => {
    useUi.getState().takeFocus(props.screen);
  }, [props.screen]);
  if (props.list.data === undefined) return <Loading error={props.list.error} />;
  const rows = props.list.data.filter((row) => matches(query, ...props.searchIn(row)));
  const selected = typeof selection === 'number' ? props.list.data.find((row) => row.id === selection) : undefined;
  return (
    <div className="list-screen">
      <section className="list-pane">
        <ScreenHeader title={props.title} count={rows.length}>
          <SearchBox label={props.searchLabel} value={query} onChange={setQuery} />
          <button type="button" className="primary" onClick={() => setSelection('new')}>{props.newLabel}</button>
        </ScreenHeader>
        <VirtualTable label={props.title} rows={rows} columns={props.columns} rowKey={(row) => row.id} selected={selected?.id} onOpen={(row) => setSelection(row.id)} />
      </section>
      {selection !== null ? (
        <SidePanel title={selected ? props.panelTitle(selected) : props.newLabel} onClose={() => setSelection(null)}>
          <div key={selection}>{props.renderPanel(selection, setSelection)}</div>
        </SidePanel>
      ) : null}
    </div>
  );
}
