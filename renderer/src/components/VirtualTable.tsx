// A long list that stays smooth at 15 000 rows: only the rows in view are in the DOM.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

export type SortOrder = 'ascending' | 'descending' | 'none';

export interface Column<T> {
  header: string;
  /** Relative width: columns share the room the list has, narrower when a side panel is open. */
  width: number;
  /** Pixels below which the column does not shrink (dates, identifiers stay whole). */
  min?: number;
  render(row: T): ReactNode;
  align?: 'left' | 'right';
  /** A sortable column: its order now, and what a click on its header does (Shift adds to the order). */
  sort?: { order: SortOrder; toggle(event?: unknown): void };
}

interface Props<T> {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey(row: T): number;
  selected?: number | null;
  onOpen(row: T): void;
  label: string;
  /** Taller rows for two lines of text (an alert and what to do about it). */
  rowHeight?: number;
  /** Where the list was left, to come back to it; and where it stands as the user scrolls. */
  initialScroll?: number;
  onScroll?(top: number): void;
  /** Another order or other rows: back to the top, as a new list. */
  resetKey?: string;
}

const ROW_HEIGHT = 36;
const SORT_MARKS: Record<SortOrder, string> = { ascending: ' ▲', descending: ' ▼', none: '' };

function HeaderCell<T>({ column }: { column: Column<T> }): ReactNode {
  const className = column.align === 'right' ? 'num' : undefined;
  if (column.sort === undefined) return <div role="columnheader" className={className}>{column.header}</div>;
  return (
    <div role="columnheader" className={className} aria-sort={column.sort.order}>
      <button type="button" className="sort" onClick={column.sort.toggle} title="Trier">
        {column.header}<span aria-hidden="true">{SORT_MARKS[column.sort.order]}</span>
      </button>
    </div>
  );
}

export function VirtualTable<T>({ rows, columns, rowKey, selected, onOpen, label, rowHeight = ROW_HEIGHT, initialScroll = 0, onScroll, resetKey }: Props<T>): ReactNode {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    initialRect: { width: 1000, height: 700 },
    initialOffset: initialScroll,
  });
  // The body is as tall as all its rows from the first render: the place left can be restored at once.
  useLayoutEffect(() => {
    if (scroller.current !== null) scroller.current.scrollTop = initialScroll;
    // Only on arrival: later scrolling is the user's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // Another order or other rows: back to the top. The key is compared rather than the effect
  // counted, so that arriving (and React's double effects in development) keep the place restored.
  const shownKey = useRef(resetKey);
  useEffect(() => {
    if (shownKey.current === resetKey) return;
    shownKey.current = resetKey;
    if (scroller.current !== null) scroller.current.scrollTop = 0;
  }, [resetKey]);
  const template = columns.map((c) => `minmax(${c.min ?? 0}px, ${c.width}fr)`).join(' ');
  const moveFocus = (event: KeyboardEvent<HTMLDivElement>, index: number): void => {
    const next = event.key === 'ArrowDown' ? index + 1 : event.key === 'ArrowUp' ? index - 1 : null;
    if (next === null || next < 0 || next >= rows.length) return;
    event.preventDefault();
    virtualizer.scrollToIndex(next);
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus());
  };
  return (
    <div className="vtable" role="table" aria-label={label} aria-rowcount={rows.length}>
      <div className="vtable-head" role="row" style={{ gridTemplateColumns: template }}>
        {columns.map((c) => <HeaderCell key={c.header} column={c} />)}
      </div>
      <div className="vtable-body" ref={scroller} onScroll={onScroll === undefined ? undefined : (e) => onScroll(e.currentTarget.scrollTop)}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const key = rowKey(row);
            return (
              <div
                key={key}
                role="row"
                tabIndex={0}
                data-index={item.index}
                aria-selected={selected === key}
                className={selected === key ? 'vtable-row selected' : 'vtable-row'}
                style={{ transform: `translateY(${item.start}px)`, height: rowHeight, gridTemplateColumns: template }}
                onClick={() => onOpen(row)}
                onKeyDown={(event) => (event.key === 'Enter' ? onOpen(row) : moveFocus(event, item.index))}
              >
                {columns.map((c) => {
                  const content = c.render(row);
                  const title = typeof content === 'string' || typeof content === 'number' ? String(content) : undefined;
                  return <div key={c.header} role="cell" title={title} className={c.align === 'right' ? 'num' : undefined}>{content}</div>;
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
