// Receiving a pôle's package: its preview (per sheet what is created, updated, left, deleted, with
// the rows in words, filtered by sheet and kind), its conflicts with both versions side by side and
// a choice for each, then the import as one change of the journal. Nothing is written while a
// conflict has no choice (the services refuse it too).
import { useState, type ReactNode } from 'react';
import { ApiError } from '../../../shared/api/errors.ts';
import type { PackageConflictView, PackagePreview } from '../../../shared/api/packages.ts';
import { formatDate } from '../../../shared/domain/dates.ts';
import { countOf } from '../../../shared/domain/french.ts';
import type { ConflictChoice } from '../../../shared/exchange/package.ts';
import { useApi } from '../api.ts';
import { Busy } from '../components/Busy.tsx';
import { readAsBase64 } from '../files.ts';
import { PackageExport } from './PackageExport.tsx';
import { useUi } from '../store.ts';
import './Package.css';

type RowKind = 'deletions' | 'creations' | 'updates';
const ROW_KINDS: Record<RowKind, string> = { deletions: 'Suppressions', creations: 'Créations', updates: 'Modifications' };

function Conflict({ conflict, choice, onChoose }: { conflict: PackageConflictView; choice: ConflictChoice | undefined; onChoose(choice: ConflictChoice): void }): ReactNode {
  const side = (value: string | null, gone: string): string => value ?? gone;
  return (
    <section className="package-conflict" aria-label={`Conflit : ${conflict.row}`}>
      <h4>{conflict.sheet} — {conflict.row}</h4>
      <p className="muted">Ligne {conflict.here} ici depuis le dernier paquet reçu ; le paquet en fait une {conflict.change}.</p>
      <table className="plain">
        <thead><tr><th>Champ</th><th>Ici</th><th>Dans le paquet</th></tr></thead>
        <tbody>
          {conflict.fields.map((f) => (
            <tr key={f.label}>
              <th scope="row">{f.label}</th>
              <td className={f.differs ? 'differs' : undefined}>{side(f.here, 'supprimée ici')}</td>
              <td className={f.differs ? 'differs' : undefined}>{side(f.package, 'supprimée dans le paquet')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="choices" role="radiogroup" aria-label={`Version à garder : ${conflict.row}`}>
        <label><input type="radio" name={conflict.id} checked={choice === 'here'} onChange={() => onChoose('here')} /> Garder la version d’ici</label>
        <label><input type="radio" name={conflict.id} checked={choice === 'package'} onChange={() => onChoose('package')} /> Garder la version du paquet</label>
      </div>
    </section>
  );
}

function Rows({ preview }: { preview: PackagePreview }): ReactNode {
  const [sheet, setSheet] = useState('');
  const [kind, setKind] = useState<RowKind>('deletions');
  const rows = preview.sheets.filter((s) => sheet === '' || s.sheet === sheet).flatMap((s) => s[kind].map((row) => ({ sheet: s.sheet, row })));
  return (
    <details open>
      <summary>Lignes concernées</summary>
      <div className="filters">
        <select aria-label="Lignes du paquet montrées" value={kind} onChange={(e) => setKind(e.target.value as RowKind)}>
          {(Object.keys(ROW_KINDS) as RowKind[]).map((k) => <option key={k} value={k}>{ROW_KINDS[k]}</option>)}
        </select>
        <select aria-label="Feuille des lignes du paquet" value={sheet} onChange={(e) => setSheet(e.target.value)}>
          <option value="">Toutes les feuilles</option>
          {preview.sheets.map((s) => <option key={s.sheet} value={s.sheet}>{s.sheet}</option>)}
        </select>
      </div>
      {rows.length === 0 ? <p className="muted">Aucune ligne.</p> : (
        <ul className="package-deletions" aria-label={ROW_KINDS[kind]}>
          {rows.slice(0, 300).map((r, i) => <li key={`${r.sheet}-${i}`}>{r.row}</li>)}
          {rows.length > 300 ? <li className="muted">… et {rows.length - 300} autres</li> : null}
        </ul>
      )}
    </details>
  );
}

export function PackageImport(): ReactNode {
  const api = useApi();
  const { changed, notify } = useUi();
  const [file, setFile] = useState<{ fileName: string; dataBase64: string } | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [locked, setLocked] = useState(false);
  const [preview, setPreview] = useState<PackagePreview | null>(null);
  const [choices, setChoices] = useState<Record<string, ConflictChoice>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reset = (): void => {
    setFile(null);
    setPreview(null);
    setChoices({});
    setLocked(false);
    setPassphrase('');
  };
  const show = async (next: { fileName: string; dataBase64: string }, phrase: string): Promise<void> => {
    setBusy('Lecture du paquet');
    setError(null);
    try {
      setPreview(await api('packages.preview', { ...next, passphrase: phrase === '' ? undefined : phrase }));
      setChoices({});
      setLocked(false);
    } catch (e) {
      setPreview(null);
      // An encrypted package: its passphrase is asked for, then the preview read again.
      if (e instanceof ApiError && e.issues.some((i) => i.path === 'passphrase')) setLocked(true);
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const choose = async (chosen: File | undefined): Promise<void> => {
    if (chosen === undefined) return;
    const next = { fileName: chosen.name, dataBase64: await readAsBase64(chosen) };
    setFile(next);
    setPassphrase('');
    await show(next, '');
  };
  const write = async (): Promise<void> => {
    if (file === null || preview === null) return;
    setBusy('Import du paquet');
    setError(null);
    try {
      const result = await api('packages.import', { ...file, passphrase: passphrase === '' ? undefined : passphrase, choices });
      changed();
      const total = (key: 'created' | 'updated' | 'deleted'): number => result.sheets.reduce((n, s) => n + s[key], 0);
      notify(`Paquet du pôle ${result.header.pole} importé : ${countOf(total('created'), 'ligne créée', 'lignes créées')}, ${countOf(total('updated'), 'modifiée', 'modifiées')}, ${countOf(total('deleted'), 'supprimée', 'supprimées')}. Annulable depuis le journal.`);
      reset();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const open = preview?.conflicts.filter((c) => choices[c.id] === undefined).length ?? 0;
  const blocked = preview === null || preview.ownRecord || preview.refusals.length > 0 || open > 0;
  return (
    <div className="package-import">
      <div className="filters">
        <label className="file-button">Choisir un paquet…<input type="file" aria-label="Paquet à importer" accept=".xlsx" disabled={busy !== null} onChange={(e) => void choose(e.target.files?.[0])} /></label>
        {file ? <strong>{file.fileName}</strong> : null}
      </div>
      {locked && file ? (
        <form className="filters" onSubmit={(e) => { e.preventDefault(); void show(file, passphrase); }}>
          <label className="inline-field">Phrase de passe du paquet{' '}
            <input type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={passphrase === '' || busy !== null}>Ouvrir le paquet</button>
        </form>
      ) : null}
      {busy ? <Busy label={busy} /> : null}
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      {preview ? (
        <>
          <p>
            Paquet du pôle <strong>{preview.header.pole} — {preview.header.poleName}</strong>, fait le {formatDate(preview.header.madeAt.slice(0, 10))}
            {preview.lastReceived === null ? ' ; premier paquet reçu de ce dossier : il remplace les lignes du pôle.' : ` ; dernier paquet reçu de ce dossier le ${formatDate(preview.lastReceived.slice(0, 10))}.`}
          </p>
          {preview.ownRecord ? <p className="form-error">Ce paquet a été fait depuis ce dossier-ci : il n’y a rien à importer.</p> : null}
          <table className="plain" aria-label="Aperçu du paquet">
            <thead><tr><th>Feuille</th><th className="num">À créer</th><th className="num">À modifier</th><th className="num">Inchangées</th><th className="num">À supprimer</th></tr></thead>
            <tbody>
              {preview.sheets.map((s) => (
                <tr key={s.sheet}>
                  <th scope="row">{s.sheet}</th><td className="num">{s.created}</td><td className="num">{s.updated}</td><td className="num">{s.unchanged}</td>
                  <td className={s.deleted > 0 ? 'num bad' : 'num'}>{s.deleted}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">Les lignes des autres pôles ne sont pas touchées.</p>
          {preview.refusals.length > 0 ? (
            <ul aria-label="Lignes du paquet refusées">{preview.refusals.map((r) => <li key={r} className="form-error">{r}</li>)}</ul>
          ) : null}
          <Rows preview={preview} />
          {preview.conflicts.length > 0 ? (
            <>
              <h3>{countOf(preview.conflicts.length, 'conflit', 'conflits')} : lignes modifiées ici depuis le dernier paquet reçu</h3>
              {preview.conflicts.map((c) => (
                <Conflict key={c.id} conflict={c} choice={choices[c.id]} onChoose={(choice) => setChoices({ ...choices, [c.id]: choice })} />
              ))}
            </>
          ) : null}
          <div className="form-actions">
            <button type="button" className="primary" disabled={blocked || busy !== null} onClick={() => void write()}>Importer le paquet</button>
            <button type="button" onClick={reset}>Annuler</button>
            {open > 0 ? <span className="muted">{countOf(open, 'conflit reste', 'conflits restent')} à trancher avant l’import.</span> : null}
          </div>
        </>
      ) : null}
    </div>
  );
}

/** The Import / Export screen's section: sending a pôle's package, receiving one. */
export function PackageSection(): ReactNode {
  return (
    <section aria-label="Paquets entre coordonnateurs">
      <h2>Paquets entre coordonnateurs</h2>
      <p className="muted">
        Un paquet porte un pôle (établissements, élèves, notifications, AESH, contrats, absences, créneaux, saisines) entre le dossier du
        département et celui d’un coordonnateur de PIAL ou de PAS. L’importer rend les lignes de ce pôle identiques à celles du paquet.
      </p>
      <h3>Envoyer un paquet</h3>
      <PackageExport />
      <h3>Recevoir un paquet</h3>
      <PackageImport />
    </section>
  );
}
