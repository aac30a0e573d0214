import type { ReactNode } from 'react';

export function SidePanel({ title, onClose, children }: { title: string; onClose(): void; children: ReactNode }): ReactNode {
  return (
    <aside className="side-panel" aria-label={title}>
      <header>
        <h2>{title}</h2>
        <button type="button" className="icon" aria-label="Fermer le panneau" onClick={onClose}>×</button>
      </header>
      <div className="side-panel-body">{children}</div>
    </aside>
  );
}

/** Which record the side panel shows: none, a new one, or an existing one by id. */
export type Selection = null | 'new' | number;
