// The records that belong to another (a pupil's notifications, an AESH's contracts and absences):
// a short list, each item opening its form in place, and a button to add one.
import { useState, type ReactNode } from 'react';

interface Props<T extends { id: number }> {
  title: string;
  items: readonly T[];
  empty: string;
  addLabel: string;
  describe(item: T): ReactNode;
  renderForm(item: T | null, close: () => void): ReactNode;
}

export function ChildSection<T extends { id: number }>({ title, items, empty, addLabel, describe, renderForm }: Props<T>): ReactNode {
  const [editing, setEditing] = useState<null | 'new' | number>(null);
  const close = (): void => setEditing(null);
  return (
    <section className="child-section" aria-label={title}>
      <header>
        <h3>{title}</h3>
        {editing === null ? <button type="button" onClick={() => setEditing('new')}>{addLabel}</button> : null}
      </header>
      {editing === 'new' ? <div className="child-form">{renderForm(null, close)}</div> : null}
      {items.length === 0 && editing !== 'new' ? <p className="muted">{empty}</p> : null}
      <ul className="child-list">
        {items.map((item) => (
          <li key={item.id}>
            {editing === item.id ? (
              <div className="child-form">{renderForm(item, close)}</div>
            ) : (
              <button type="button" className="child-item" onClick={() => setEditing(item.id)}>{describe(item)}</button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
