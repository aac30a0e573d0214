// Import / Export: a workbook in, previewed and corrected before anything is written (columns,
// values, header rows), read and written as a job with its progress bar and its Annuler; the
// record, the PIAL dashboards, the survey and the timetables out.
import { useState, type ReactNode } from 'react';
import type { ApiInput, ImportPreview } from '../../../shared/api/contract.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { matchColumns, type SavedMapping, type SheetAssignment, type ValueMapping } from '../../../shared/exchange/mapping.ts';
import { SHEET_KEYS, SHEETS, type SheetKey } from '../../../shared/exchange/sheets.ts';
import { countOf } from '../../../shared/domain/french.ts';
import { useApi } from '../api.ts';
import { Busy } from '../components/Busy.tsx';
import { ScreenHeader } from '../components/common.tsx';
import { JobProgress, type JobStatus } from '../components/JobProgress.tsx';
import { ExportSection } from '../exchange/ExportSection.tsx';
import { download, downloadText, readAsBase64, readJsonFile } from '../files.ts';
import { SurveyTemplateSection } from '../exchange/SurveyTemplate.tsx';
import { PackageSection } from '../exchange/PackageImport.tsx';
import { useUi } from '../store.ts';

/** What the preview is asked on: the file, and the corrections made so far. */
type Request = Omit<ApiInput<'import.start'>, 'mode'>;

/** A refusal's message with the fields it names (a saved mapping's wrong value, say). */
function messageOf(error: unknown): string {
  const issues = error instanceof ApiError ? error.issues : [];
  return [(error as Error).message, ...issues.map((i) => `${i.path} : ${i.message}`)].join(' ');
}

function MappingEditor({ preview, assignments, onChange, onHeaderRow }: {
  preview: ImportPreview; assignments: SheetAssignment[]; onChange(next: SheetAssignment[]): void; onHeaderRow(sheet: string, line: number): void;
}): ReactNode {
  const setColumn = (index: number, key: string, header: string): void =>
    onChange(assignments.map((a, i) => (i === index ? { ...a, columns: { ...a.columns, [key]: header === '' ? null : header } } : a)));
  const addTarget = (source: string, target: SheetKey): void =>
    onChange([...assignments, { target, source, columns: matchColumns(target, preview.sheets.find((s) => s.name === source)?.headers ?? []) }]);
  return (
    <div className="mapping">
      {preview.sheets.map((sheet) => (
        <section key={sheet.name} className="mapping-sheet" aria-label={`Feuille ${sheet.name}`}>
          <h3>Feuille « {sheet.name} » du fichier — {countOf(sheet.rows, 'ligne')}{sheet.hidden ? ' (masquée)' : ''}</h3>
          {sheet.firstLines.length > 1 ? (
            <label className="inline-field">Ligne des en-têtes{' '}
              <select aria-label={`Ligne des en-têtes de ${sheet.name}`} value={sheet.headerLine} onChange={(e) => onHeaderRow(sheet.name, Number(e.target.value))}>
                {sheet.firstLines.map((l) => <option key={l.line} value={l.line}>ligne {l.line} : {l.cells.filter((c) => c !== '').slice(0, 5).join(' | ')}</option>)}
              </select>
            </label>
          ) : null}
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

/**
 * The values of closed columns that no known spelling reads, each mapped once here for every row
 * holding it; those mapped already stay listed, to be changed.
 */
function ValuesEditor({ preview, onChange }: { preview: ImportPreview; onChange(next: ValueMapping): void }): ReactNode {
  if (preview.unknownValues.length === 0) return null;
  const choose = (column: string, value: string, word: string): void => {
    const { [value]: _dropped, ...others } = preview.values[column] ?? {};
    const pairs = word === '' ? others : { ...others, [value]: word };
    const { [column]: _column, ...rest } = preview.values;
    onChange(Object.keys(pairs).length === 0 ? rest : { ...rest, [column]: pairs });
  };
  const left = preview.unknownValues.filter((u) => u.mappedTo === null).length;
  return (
    <section aria-label="Valeurs à faire correspondre">
      <h3>Valeurs inconnues{left > 0 ? ` : ${countOf(left, 'à choisir', 'à choisir')}` : ''}</h3>
      <p className="muted">La valeur choisie vaut pour toutes les lignes qui la portent, et s’enregistre avec la correspondance.</p>
      <table className="plain" aria-label="Valeurs inconnues">
        <thead><tr><th>Colonne</th><th>Valeur du fichier</th><th className="num">Lignes</th><th>Valeur retenue</th></tr></thead>
        <tbody>
          {preview.unknownValues.map((u) => (
            <tr key={`${u.column}\u0000${u.value}`} className={u.mappedTo === null ? 'missing' : undefined}>
              <td>{u.column}</td><td>« {u.value} »</td><td className="num">{u.count}</td>
              <td>
                <select aria-label={`${u.column} : « ${u.value} »`} value={u.mappedTo ?? ''} onChange={(e) => choose(u.column, u.value, e.target.value)}>
                  <option value="">— à choisir —</option>
                  {u.words.map((w) => <option key={w} value={w}>{w}</option>)}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

type LineKind = 'refused' | 'notice';

function PreviewReport({ preview }: { preview: ImportPreview }): ReactNode {
  const [sheet, setSheet] = useState('');
  const [kind, setKind] = useState<LineKind>('refused');
  const refused = preview.reports.flatMap((r) => r.refused);
  const notices = preview.reports.flatMap((r) => r.notices);
  const lines = (kind === 'refused'
    ? refused.map((r) => ({ sheet: r.sheet, source: r.source, row: r.row, column: r.column, text: r.reason }))
    : notices.map((n) => ({ sheet: n.sheet, source: n.source, row: n.row, column: null as string | null, text: n.message })))
    .filter((l) => sheet === '' || l.sheet === sheet);
  return (
    <>
      <table className="plain" aria-label="Aperçu de l’import">
        <thead><tr><th>Feuille</th><th className="num">À créer</th><th className="num">À modifier</th><th className="num">Inchangées</th><th className="num">Refusées</th><th className="num">Remarques</th></tr></thead>
        <tbody>
          {preview.reports.map((r) => (
            <tr key={r.sheet}>
              <th scope="row">{r.sheet}</th><td className="num">{r.created}</td><td className="num">{r.updated}</td><td className="num">{r.unchanged}</td>
              <td className={r.refused.length > 0 ? 'num bad' : 'num'}>{r.refused.length}</td><td className="num">{r.notices.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.problems.map((p) => <p key={p} className="form-error">{p}</p>)}
      {preview.setAside.length > 0 ? (
        <ul className="muted" aria-label="Feuilles laissées de côté">
          {preview.setAside.map((a) => <li key={a.sheet}>Feuille « {a.sheet} » : {a.reason}.</li>)}
        </ul>
      ) : null}
      {preview.ignoredColumns.length > 0 ? (
        <p className="muted">Colonnes ignorées : {preview.ignoredColumns.map((c) => `« ${c.header} » (${c.sheet})`).join(', ')}.</p>
      ) : null}
      {refused.length + notices.length > 0 ? (
        <details open>
          <summary>
            {refused.length === 0 ? 'Aucune ligne refusée' : `${countOf(refused.length, 'ligne refusée', 'lignes refusées')} : ${refused.length === 1 ? 'elle ne sera pas importée' : 'elles ne seront pas importées'}`}
            {notices.length > 0 ? `, ${countOf(notices.length, 'remarque', 'remarques')}` : ''}
          </summary>
          <div className="filters">
            <select aria-label="Lignes montrées" value={kind} onChange={(e) => setKind(e.target.value as LineKind)}>
              <option value="refused">Lignes refusées</option>
              <option value="notice">Remarques</option>
            </select>
            <select aria-label="Feuille des lignes montrées" value={sheet} onChange={(e) => setSheet(e.target.value)}>
              <option value="">Toutes les feuilles</option>
              {preview.reports.map((r) => <option key={r.sheet} value={r.sheet}>{r.sheet}</option>)}
            </select>
          </div>
          <table className="plain" aria-label={kind === 'refused' ? 'Lignes refusées' : 'Remarques'}>
            <thead><tr><th>Feuille</th><th>Feuille du fichier</th><th className="num">Ligne</th><th>Colonne</th><th>{kind === 'refused' ? 'Motif' : 'Remarque'}</th></tr></thead>
            <tbody>
              {lines.slice(0, 200).map((l, index) => (
                <tr key={`${l.sheet}-${l.source}-${l.row}-${index}`}><td>{l.sheet}</td><td>{l.source}</td><td className="num">{l.row ?? '—'}</td><td>{l.column ?? '—'}</td><td>{l.text}</td></tr>
              ))}
            </tbody>
            {lines.length > 200 ? <caption className="muted">… et {lines.length - 200} autres : téléchargez les lignes refusées.</caption> : null}
          </table>
        </details>
      ) : null}
    </>
  );
}

function ImportSection(): ReactNode {
  const api = useApi();
  const { changed, notify } = useUi();
  const [request, setRequest] = useState<Request | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [job, setJob] = useState<{ jobId: string; writing: boolean; label: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Set in the same event as the correction, cleared once its preview is shown: meanwhile the form
  // is locked, or a second correction would start from the preview the first one is replacing and
  // undo it.
  const [pending, setPending] = useState(false);

  const reset = (): void => {
    setRequest(null);
    setPreview(null);
  };
  /** Reads (or writes) as a job: the progress bar shows until it ends. */
  const start = async (next: Request, writing: boolean): Promise<void> => {
    setError(null);
    setRequest(next);
    setPending(true);
    try {
      const { jobId } = await api('import.start', { ...next, mode: writing ? 'write' : 'preview' });
      setJob({ jobId, writing, label: writing ? `Import de « ${next.fileName} »` : `Lecture de « ${next.fileName} »` });
    } catch (e) {
      setError(messageOf(e));
      setPending(false);
    }
  };
  const ended = async (status: JobStatus): Promise<void> => {
    try {
      await end(status);
    } finally {
      setPending(false);
    }
  };
  const end = async (status: JobStatus): Promise<void> => {
    const was = job;
    setJob(null);
    if (was === null) return;
    if (status.state === 'cancelled') {
      setError(was.writing ? 'Import annulé : rien n’a été écrit.' : 'Lecture annulée.');
      if (!was.writing) reset();
      return;
    }
    if (status.state === 'failed') {
      setError(status.error ?? 'Échec.');
      return;
    }
    try {
      const result = await api('import.result', { jobId: status.jobId });
      if (!was.writing) {
        setPreview(result);
        return;
      }
      changed();
      const created = result.reports.reduce((n, r) => n + r.created, 0);
      const updated = result.reports.reduce((n, r) => n + r.updated, 0);
      notify(`Import de « ${request?.fileName ?? ''} » enregistré : ${countOf(created, 'ligne créée', 'lignes créées')}, ${countOf(updated, 'modifiée', 'modifiées')}.`);
      reset();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const choose = async (file: File | undefined): Promise<void> => {
    if (file === undefined) return;
    await start({ fileName: file.name, dataBase64: await readAsBase64(file) }, false);
  };
  const loadMapping = async (file: File | undefined): Promise<void> => {
    if (file === undefined || request === null) return;
    let mapping: SavedMapping;
    try {
      mapping = await readJsonFile(file) as SavedMapping;
    } catch (e) {
      setError((e as Error).message);
      return;
    }
    await start({ fileName: request.fileName, dataBase64: request.dataBase64, headerRows: request.headerRows, mapping }, false);
  };
  // Every correction is previewed again with all of them: columns, values and header rows.
  const corrected = (change: Partial<Request>): Request | null => (request === null || preview === null ? null : {
    fileName: request.fileName, dataBase64: request.dataBase64, headerRows: request.headerRows, assignments: preview.assignments, values: preview.values, ...change,
  });
  const correct = (change: Partial<Request>): void => {
    const next = corrected(change);
    if (next !== null) void start(next, false);
  };
  const refusedCount = preview?.reports.reduce((n, r) => n + r.refused.length, 0) ?? 0;
  const current = corrected({});

  return (
    <section aria-label="Importer">
      <h2>Importer un classeur</h2>
      <p className="muted">Classeur d’échange, export de la MDPH ou liste du service RH : .xlsx, .xls, .ods ou .csv. Rien n’est écrit avant votre confirmation.</p>
      <div className="filters">
        <label className="file-button">Choisir un fichier…<input type="file" aria-label="Fichier à importer" accept=".xlsx,.xls,.ods,.csv" disabled={job !== null || pending} onChange={(e) => void choose(e.target.files?.[0])} /></label>
        {request ? <strong>{request.fileName}</strong> : null}
        {request && preview ? <label className="file-button">Appliquer une correspondance enregistrée…<input type="file" aria-label="Correspondance enregistrée" accept=".json" onChange={(e) => void loadMapping(e.target.files?.[0])} /></label> : null}
      </div>
      {job ? <JobProgress key={job.jobId} jobId={job.jobId} label={job.label} onEnd={(status) => void ended(status)} /> : null}
      {busy ? <Busy label={busy} /> : null}
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      {/* Shown while a correction is read again (the page does not jump), inert until it is read:
          a second correction made meanwhile would start from the first one's stale preview. */}
      {preview && current ? (
        <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }} disabled={job !== null || pending}>
          <PreviewReport preview={preview} />
          <ValuesEditor preview={preview} onChange={(values) => correct({ values })} />
          <div className="form-actions">
            <button type="button" className="primary" disabled={preview.packageOf !== null} onClick={() => void start(current, true)}>
              {refusedCount > 0 ? 'Importer les lignes valides' : 'Importer'}
            </button>
            {refusedCount > 0 ? (
              <button type="button" disabled={busy !== null} onClick={() => {
                setBusy('Préparation des lignes refusées');
                void api('exchange.refused', current).then((f) => download(f.fileName, f.dataBase64), (e: unknown) => setError(messageOf(e))).finally(() => setBusy(null));
              }}>
                Télécharger les lignes refusées
              </button>
            ) : null}
            <button type="button" onClick={() => downloadText(`correspondance-${current.fileName.replace(/\.[^.]+$/, '')}.json`, JSON.stringify(preview.mapping, null, 2))}>Enregistrer la correspondance</button>
            <button type="button" onClick={reset}>Annuler</button>
          </div>
          <h3>Correspondance des colonnes</h3>
          <MappingEditor
            preview={preview} assignments={preview.assignments}
            onChange={(assignments) => correct({ assignments })}
            onHeaderRow={(sheet, line) => correct({ headerRows: { ...request?.headerRows, [sheet]: line }, assignments: undefined })}
          />
        </fieldset>
      ) : null}
    </section>
  );
}

export function ExchangeScreen(): ReactNode {
  return (
    <div className="page">
      <ScreenHeader title="Import / Export" />
      <ImportSection />
      <ExportSection />
      <PackageSection />
      <SurveyTemplateSection />
    </div>
  );
}
