import { useState, type ReactNode } from 'react';
import type { DemoScale } from '../../../shared/api/contract.ts';
import { useApi } from '../api.ts';
import { useUi } from '../store.ts';

const SCALES: readonly { scale: DemoScale; label: string; detail: string }[] = [
  { scale: 'small', label: 'Petit PIAL', detail: '1 pôle, environ 40 élèves' },
  { scale: 'medium', label: 'Département moyen', detail: '8 pôles, environ 700 élèves' },
  { scale: 'department', label: 'Grand département', detail: '120 pôles, 15 000 élèves, 6 000 AESH' },
];

/**
 * First launch, on an empty record: most coordinators arrive with the spreadsheet they kept so far,
 * so importing it comes first (the import screen previews it and maps its columns before writing);
 * then a demonstration département to look around, or an empty record to fill by hand.
 */
export function Welcome({ onDone }: { onDone(): void }): ReactNode {
  const api = useApi();
  const { changed, go } = useUi();
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
  const start = (screen: 'exchange' | 'dashboard'): void => {
    go(screen);
    onDone();
  };
  return (
    <main className="welcome">
      <h1>Bienvenue dans Planif AESH</h1>
      <p>La base est vide. Par où voulez-vous commencer ?</p>
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      <div className="welcome-choices">
        <section className="welcome-choice welcome-main" aria-labelledby="welcome-import">
          <h2 id="welcome-import">Importer mon tableur</h2>
          <p>Votre tableau de suivi, l’export de la MDPH ou la liste des AESH du service RH (.xlsx, .xls, .ods, .csv). Les colonnes sont reconnues et corrigeables dans l’aperçu ; rien n’est écrit avant votre confirmation.</p>
          <button type="button" className="primary" onClick={() => start('exchange')} disabled={busy !== null}>Importer mon tableur</button>
        </section>
        <section className="welcome-choice" aria-labelledby="welcome-demo">
          <h2 id="welcome-demo">Partir d’un département de démonstration</h2>
          <p>Des données fictives (élèves, AESH, établissements, emplois du temps) pour découvrir l’application.</p>
          {SCALES.map((s) => (
            <button type="button" key={s.scale} onClick={() => void load(s.scale)} disabled={busy !== null}>
              {busy === s.scale ? 'Chargement…' : `Démonstration : ${s.label}`}<br /><span className="muted">{s.detail}</span>
            </button>
          ))}
        </section>
        <section className="welcome-choice" aria-labelledby="welcome-empty">
          <h2 id="welcome-empty">Commencer vide</h2>
          <p>Créer les pôles et les établissements à la main, puis importer les notifications et les AESH : le tableau de bord guide chaque étape.</p>
          <button type="button" onClick={() => start('dashboard')} disabled={busy !== null}>Commencer avec une base vide</button>
        </section>
      </div>
    </main>
  );
}
