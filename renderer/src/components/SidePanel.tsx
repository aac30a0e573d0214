import { useEffect, type ReactNode } from 'react';

export function SidePanel({ title, onClose, children }: { title: string; onClose(): void; children: ReactNode }): ReactNode {
  // Escape closes the panel wherever the focus is, as it closes a dialog; a control inside that
  // uses Escape itself (an open list, a popover) marks the event handled and keeps the panel.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
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
