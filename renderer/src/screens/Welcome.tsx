import { useState, type ReactNode } from 'react';
import type { DemoScale } from '../../../shared/api/contract.ts';
import { useApi } from '../api.ts';
import { useUi } from '../store.ts';

const SCALES: readonly { scale: DemoScale; label: string; detail: string }[] = [
  { scale: 'small', label: 'Petit PIAL', detail: '1 pôle, environ 40 élèves' },
  { scale: 'medium', label: 'Département moyen', detail: '8 pôles, environ 700 élèves' },
  { scale: 'department', label: 'Grand département', detail: '120 pôles, 15 000 élèves, 6 000 AESH' },
];

/** First launch: start from an empty record or from a demonstration département. */
export function Welcome({ onDone }: { onDone(): void }): ReactNode {
  const api = useApi();
  const changed = useUi((s) => s.changed);
  const [busy, setBusy] = useState<DemoScale | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async (scale: DemoScale): Promise<void> => {
    setBusy(scale);
    setError(null);
    try {
      await api('app.seedDemo', { scale });
      changed();
      onDone();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="welcome">
      <h1>Bienvenue dans Planif AESH</h1>
      <p>La base est vide. Vous pouvez commencer avec une base vide, ou découvrir l’application avec un département de démonstration (données fictives).</p>
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      <div className="welcome-choices">
        <button type="button" className="primary" onClick={onDone} disabled={busy !== null}>Commencer avec une base vide</button>
        {SCALES.map((s) => (
          <button type="button" key={s.scale} onClick={() => void load(s.scale)} disabled={busy !== null}>
            {busy === s.scale ? 'Chargement…' : `Démonstration : ${s.label}`}<br /><span className="muted">{s.detail}</span>
          </button>
        ))}
      </div>
    </div>
  );
}
