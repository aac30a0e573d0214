// Import / Export: a workbook in, previewed and corrected before anything is written; the record,
// the PIAL dashboards, the survey and the timetables out.
import { useState, type ReactNode } from 'react';
import { EXPORT_KINDS, type ExportKind, type ImportPreview } from '../../../shared/api/contract.ts';
import { matchColumns, type SavedMapping, type SheetAssignment } from '../../../shared/exchange/mapping.ts';
import { SHEET_KEYS, SHEETS, type SheetKey } from '../../../shared/exchange/sheets.ts';
import { countOf } from '../../../shared/domain/french.ts';
import { useApi } from '../api.ts';
import { Busy } from '../components/Busy.tsx';
import { ScreenHeader } from '../components/common.tsx';
import { DateInput } from '../components/DateInput.tsx';
import { download, downloadText, readAsBase64 } from '../files.ts';
import { useUi } from '../store.ts';
import { useApiData } from '../useApiData.ts';

interface Chosen { fileName: string; dataBase64: string }

function MappingEditor({ preview, assignments, onChange }: { preview: ImportPreview; assignments: SheetAssignment[]; onChange(next: SheetAssignment[]): void }): ReactNode {
  const setColumn = (index: number, key: string, header: string): void =>
    onChange(assignments.map((a, i) => (i === index ? { ...a, columns: { ...a.columns, [key]: header === '' ? null : header } } : a)));
  const addTarget = (source: string, target: SheetKey): void =>
    onChange([...assignments, { target, source, columns: matchColumns(target, preview.sheets.find((s) => s.name === source)?.headers ?? []) }]);
  return (
    <div className="mapping">
      {preview.sheets.map((sheet) => (
        <section key={sheet.name} className="mapping-sheet" aria-label={`Feuille ${sheet.name}`}>
          <h3>Feuille « {sheet.name} » du fichier — {countOf(sheet.rows, 'ligne')}</h3>
          {assignments.map((a, index) => (a.source !== sheet.name ? null : (
            <table key={`${a.target}-${index}`} className="plain mapping-table" aria-label={`Correspondance vers ${SHEETS[a.target].name}`}>
              <caption>vers la feuille <strong>{SHEETS[a.target].name}</strong></caption>
              <thead><tr><th>Colonne attendue</th><th>Colonne du fichier</th></tr></thead>
              <tbody>
                {SHEETS[a.target].columns.map((column) => (
                  <tr key={column.key} className={column.required && !a.columns[column.key] ? 'missing' : undefined}>
                    <td>{column.label}{column.required ? ' *' : ''}</td>
                    <td>
                      <select aria-label={`${SHEETS[a.target].name} : ${column.label}`} value={a.columns[column.key] ?? ''} onChange={(e) => setColumn(index, column.key, e.target.value)}>
                        <option value="">— aucune —</option>
                        {sheet.headers.filter((h) => h !== '').map((h) => <option key={h} value={h}>{h}</option>)}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )))}
          <select aria-label={`Alimenter une autre feuille depuis ${sheet.name}`} value="" onChange={(e) => e.target.value && addTarget(sheet.name, e.target.value as SheetKey)}>
            <option value="">+ alimenter aussi une autre feuille…</option>
            {SHEET_KEYS.filter((k) => !assignments.some((a) => a.source === sheet.name && a.target === k)).map((k) => <option key={k} value={k}>{SHEETS[k].name}</option>)}
          </select>
        </section>
      ))}
    </div>
  );
}

function PreviewReport({ preview }: { preview: ImportPreview }): ReactNode {
  const refused = preview.reports.flatMap((r) => r.refused);
  return (
    <>
      <table className="plain" aria-label="Aperçu de l’import">
        <thead><tr><th>Feuille</th><th className="num">À créer</th><th className="num">À modifier</th><th className="num">Inchangées</th><th className="num">Refusées</th></tr></thead>
        <tbody>
          {preview.reports.map((r) => (
            <tr key={r.sheet}><th scope="row">{r.sheet}</th><td className="num">{r.created}</td><td className="num">{r.updated}</td><td className="num">{r.unchanged}</td><td className={r.refused.length > 0 ? 'num bad' : 'num'}>{r.refused.length}</td></tr>
          ))}
        </tbody>
      </table>
      {preview.problems.map((p) => <p key={p} className="form-error">{p}</p>)}
      {preview.ignoredColumns.length > 0 ? (
        <p className="muted">Colonnes ignorées : {preview.ignoredColumns.map((c) => `« ${c.header} » (${c.sheet})`).join(', ')}.</p>
      ) : null}
      {refused.length > 0 ? (
        <details open>
          <summary>{countOf(refused.length, 'ligne refusée', 'lignes refusées')} : {refused.length === 1 ? 'elle ne sera pas importée' : 'elles ne seront pas importées'}</summary>
          <table className="plain" aria-label="Lignes refusées">
            <thead><tr><th>Feuille</th><th className="num">Ligne</th><th>Colonne</th><th>Motif</th></tr></thead>
            <tbody>
              {refused.slice(0, 200).map((r) => (
                <tr key={`${r.sheet}-${r.source}-${r.row}`}><td>{r.sheet}</td><td className="num">{r.row}</td><td>{r.column ?? '—'}</td><td>{r.reason}</td></tr>
              ))}
            </tbody>
            {refused.length > 200 ? <caption className="muted">… et {refused.length - 200} autres : téléchargez les lignes refusées.</caption> : null}
          </table>
        </details>
      ) : null}
    </>
  );
}

function ImportSection(): ReactNode {
  const api = useApi();
  const { changed, notify } = useUi();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [assignments, setAssignments] = useState<SheetAssignment[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async <T,>(label: string, work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(label);
    setError(null);
    try {
      return await work();
    } catch (e) {
      setError((e as Error).message);
      return undefined;
    } finally {
      setBusy(null);
    }
  };
  const check = async (file: Chosen, next?: SheetAssignment[], mapping?: SavedMapping): Promise<void> => {
    const result = await run('Lecture du fichier', () => api('exchange.preview', { ...file, assignments: next, mapping }));
    if (result === undefined) return;
    setPreview(result);
    setAssignments(result.assignments);
  };
  const choose = async (file: File | undefined): Promise<void> => {
    if (file === undefined) return;
    const next = { fileName: file.name, dataBase64: await readAsBase64(file) };
    setChosen(next);
    await check(next);
  };
  const loadMapping = async (file: File | undefined): Promise<void> => {
    if (file === undefined || chosen === null) return;
    try {
      await check(chosen, undefined, JSON.parse(await file.text()) as SavedMapping);
    } catch (e) {
      setError(`Correspondance « ${file.name} » illisible : ${(e as Error).message}`);
    }
  };
  const importNow = async (): Promise<void> => {
    if (chosen === null || assignments === null) return;
    const result = await run('Import en cours', () => api('exchange.import', { ...chosen, assignments }));
    if (result === undefined) return;
    changed();
    const created = result.reports.reduce((n, r) => n + r.created, 0);
    const updated = result.reports.reduce((n, r) => n + r.updated, 0);
    notify(`Import de « ${chosen.fileName} » enregistré : ${countOf(created, 'ligne créée', 'lignes créées')}, ${countOf(updated, 'modifiée', 'modifiées')}.`);
    setChosen(null);
    setPreview(null);
  };
  const refusedCount = preview?.reports.reduce((n, r) => n + r.refused.length, 0) ?? 0;

  return (
    <section aria-label="Importer">
      <h2>Importer un classeur</h2>
      <p className="muted">Classeur d’échange, export de la MDPH ou liste du service RH : .xlsx, .xls, .ods ou .csv. Rien n’est écrit avant votre confirmation.</p>
      <div className="filters">
        <label className="file-button">Choisir un fichier…<input type="file" aria-label="Fichier à importer" accept=".xlsx,.xls,.ods,.csv" onChange={(e) => void choose(e.target.files?.[0])} /></label>
        {chosen ? <strong>{chosen.fileName}</strong> : null}
        {chosen ? <label className="file-button">Appliquer une correspondance enregistrée…<input type="file" aria-label="Correspondance enregistrée" accept=".json" onChange={(e) => void loadMapping(e.target.files?.[0])} /></label> : null}
      </div>
      {busy ? <Busy label={busy} /> : null}
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      {preview && assignments && chosen ? (
        <>
          <PreviewReport preview={preview} />
          <div className="form-actions">
            <button type="button" className="primary" disabled={busy !== null} onClick={() => void importNow()}>
              {refusedCount > 0 ? 'Importer les lignes valides' : 'Importer'}
            </button>
            {refusedCount > 0 ? (
              <button type="button" onClick={() => void run('Préparation des lignes refusées', () => api('exchange.refused', { ...chosen, assignments })).then((f) => f && download(f.fileName, f.dataBase64))}>
                Télécharger les lignes refusées
              </button>
            ) : null}
            <button type="button" onClick={() => downloadText(`correspondance-${chosen.fileName.replace(/\.[^.]+$/, '')}.json`, JSON.stringify(preview.mapping, null, 2))}>Enregistrer la correspondance</button>
            <button type="button" onClick={() => { setChosen(null); setPreview(null); }}>Annuler</button>
          </div>
          <h3>Correspondance des colonnes</h3>
          <MappingEditor preview={preview} assignments={assignments} onChange={(next) => { setAssignments(next); void check(chosen, next); }} />
        </>
      ) : null}
    </section>
  );
}

const EXPORTS: Record<ExportKind, { title: string; detail: string }> = {
  record: { title: 'Base complète', detail: 'le classeur d’échange, réimportable tel quel' },
  dashboards: { title: 'Tableaux de bord PIAL', detail: 'une synthèse et une feuille par pôle' },
  survey: { title: 'Enquête', detail: 'les chiffres du département et les élèves en attente, à coller dans une enquête' },
  timetables: { title: 'Emplois du temps', detail: 'une feuille par AESH' },
};

function ExportSection(): ReactNode {
  const api = useApi();
  const { date, setDate } = useUi();
  const poles = useApiData('poles.list', {});
  const [pole, setPole] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const exportNow = async (kind: ExportKind): Promise<void> => {
    setBusy(`Export « ${EXPORTS[kind].title} »`);
    setError(null);
    try {
      const file = await api('exchange.export', { kind, date, pole: pole === '' || kind === 'record' || kind === 'survey' ? undefined : pole });
      download(file.fileName, file.dataBase64);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section aria-label="Exporter">
      <h2>Exporter</h2>
      <p className="notice">Ces fichiers contiennent des données personnelles de santé (décisions de la CDAPH) : ne les transmettez qu’aux destinataires habilités.</p>
      <div className="filters">
        <DateInput value={date} onChange={setDate} label="Situation au" />
        <select aria-label="Pôle exporté" value={pole} onChange={(e) => setPole(e.target.value)}>
          <option value="">Tous les pôles</option>
          {(poles.data ?? []).map((p) => <option key={p.id} value={p.code}>{p.code} — {p.name}</option>)}
        </select>
      </div>
      <div className="export-list">
        {EXPORT_KINDS.map((kind) => (
          <button key={kind} type="button" className="tile" disabled={busy !== null} onClick={() => void exportNow(kind)}>
            <strong>{EXPORTS[kind].title}</strong>
            <span className="muted">{EXPORTS[kind].detail}</span>
          </button>
        ))}
      </div>
      {busy ? <Busy label={busy} /> : null}
      {error ? <p className="form-error" role="alert">{error}</p> : null}
    </section>
  );
}

export function ExchangeScreen(): ReactNode {
  return (
    <div className="page">
      <ScreenHeader title="Import / Export" />
      <ImportSection />
      <ExportSection />
    </div>
  );
}
