// A long list that stays smooth at 15 000 rows: only the rows in view are in the DOM.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface Column<T> {
  header: string;
  /** Relative width: columns share the room the list has, narrower when a side panel is open. */
  width: number;
  /** Pixels below which the column does not shrink (dates, identifiers stay whole). */
  min?: number;
  render(row: T): ReactNode;
  align?: 'left' | 'right';
}

interface Props<T> {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey(row: T): number;
  selected?: number | null;
  onOpen(row: T): void;
  label: string;
}

const ROW_HEIGHT = 36;

export function VirtualTable<T>({ rows, columns, rowKey, selected, onOpen, label }: Props<T>): ReactNode {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1000, height: 700 },
  });
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
        {columns.map((c) => <div key={c.header} role="columnheader" className={c.align === 'right' ? 'num' : undefined}>{c.header}</div>)}
      </div>
      <div className="vtable-body" ref={scroller}>
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
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT, gridTemplateColumns: template }}
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
