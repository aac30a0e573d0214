import { useState, type ReactNode } from 'react';
import { matchesWords, searchText, searchWords } from '../lists/search.ts';

/** Every word of the query in one of the fields, whichever ("Liam Brun" finds Liam Brun). */
export function matches(query: string, ...fields: (string | null | undefined)[]): boolean {
  return matchesWords(searchWords(query), searchText(fields));
}

export function SearchBox({ value, onChange, label }: { value: string; onChange(value: string): void; label: string }): ReactNode {
  return (
    <input className="search" type="search" aria-label={label} placeholder={label} value={value} onChange={(e) => onChange(e.target.value)} />
  );
}

/** A delete button that asks once more, in place, before acting; `warning` says what the delete leaves behind. */
export function DeleteButton({ what, warning, onConfirm }: { what: string; warning?: string | null; onConfirm(): Promise<void> }): ReactNode {
  const [asking, setAsking] = useState(false);
  if (!asking) return <button type="button" className="danger-outline" onClick={() => setAsking(true)}>Supprimer</button>;
  return (
    <span className="confirm" role="group" aria-label="Confirmer la suppression">
      <span>Supprimer {what} ?{warning ? <> <strong>{warning}</strong></> : null}</span>
      <button type="button" className="danger" onClick={() => void onConfirm().finally(() => setAsking(false))}>Oui, supprimer</button>
      <button type="button" onClick={() => setAsking(false)}>Annuler</button>
    </span>
  );
}

export function ScreenHeader({ title, children }: { title: string; children?: ReactNode }): ReactNode {
  return (
    <header className="screen-header">
      <h1>{title}</h1>
      <div className="screen-actions">{children}</div>
    </header>
  );
}

export function Loading({ error }: { error?: string | null }): ReactNode {
  return error ? <p className="form-error" role="alert">{error}</p> : <p className="muted">Chargement…</p>;
}
