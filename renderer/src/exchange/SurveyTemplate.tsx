// The académie's own survey template, from Import / Export: open it, check the header row and the
// key column found, map each column once to a figure, save or load that mapping (JSON), and
// download the template filled in for the date, its formatting kept.
import { useState, type ReactNode } from 'react';
import type { SurveyTemplateView } from '../../../shared/api/surveys.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { countOf } from '../../../shared/domain/french.ts';
import { FIGURES, type FigureGroup } from '../../../shared/survey/figures.ts';
import type { SurveyMapping } from '../../../shared/survey/template.ts';
import { useApi } from '../api.ts';
import { Busy } from '../components/Busy.tsx';
import { DateInput } from '../components/DateInput.tsx';
import { download, downloadText, readAsBase64, readJsonFile } from '../files.ts';
import { useUi } from '../store.ts';

interface TemplateFile { fileName: string; dataBase64: string }
/** What is asked of the services when the template is read again: another sheet, header row, key column, or a saved mapping. */
interface ReadChoice { sheet?: string; headerLine?: number; keyColumn?: string; mapping?: SurveyMapping }

const GROUPS: FigureGroup[] = ['Élèves', 'Heures', 'AESH'];

/** The refusal with each field it names: a saved mapping's unknown figure says its column. */
function refusal(error: unknown): string[] {
  const issues = error instanceof ApiError ? error.issues.map((issue) => issue.message) : [];
  return issues.length > 0 ? issues : [(error as Error).message];
}

function FigureSelect({ label, value, onChange }: { label: string; value: string; onChange(id: string): void }): ReactNode {
  return (
    <select aria-label={`Indicateur de la colonne ${label}`} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">— laisser telle quelle —</option>
      {GROUPS.map((group) => (
        <optgroup key={group} label={group}>
          {FIGURES.filter((f) => f.group === group).map((f) => <option key={f.id} value={f.id}>{f.label}</option>)}
        </optgroup>
      ))}
    </select>
  );
}

function RowsFound({ view }: { view: SurveyTemplateView }): ReactNode {
  const { rows } = view.layout;
  const unknown = rows.filter((r) => r.scope === null);
  return (
    <details>
      <summary>
        {countOf(rows.length - unknown.length, 'ligne reconnue', 'lignes reconnues')}
        {unknown.length > 0 ? `, ${countOf(unknown.length, 'laissée telle quelle', 'laissées telles quelles')} (${unknown.map((r) => `« ${r.key} »`).join(', ')})` : ''}
      </summary>
      <table className="plain" aria-label="Lignes du modèle">
        <thead><tr><th className="num">Ligne</th><th>{view.layout.keyColumn.label}</th><th>Chiffres de</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.line}><td className="num">{r.line}</td><td>{r.key}</td><td className={r.scope === null ? 'bad' : undefined}>{r.meaning ?? 'inconnu du dossier : laissée telle quelle'}</td></tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function SurveyTemplateSection(): ReactNode {
  const api = useApi();
  const { date, setDate } = useUi();
  const [file, setFile] = useState<TemplateFile | null>(null);
  const [view, setView] = useState<SurveyTemplateView | null>(null);
  const [mapping, setMapping] = useState<SurveyMapping | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [notices, setNotices] = useState<string[]>([]);

  const read = async (template: TemplateFile, choice: ReadChoice): Promise<void> => {
    setBusy(`Lecture de « ${template.fileName} »`);
    setErrors([]);
    setNotices([]);
    try {
      const next = await api('surveys.read', { ...template, ...choice });
      setFile(template);
      setView(next);
      setMapping(next.mapping);
    } catch (e) {
      setErrors(refusal(e));
    } finally {
      setBusy(null);
    }
  };
  const open = async (chosen: File | undefined): Promise<void> => {
    if (chosen !== undefined) await read({ fileName: chosen.name, dataBase64: await readAsBase64(chosen) }, {});
  };
  const loadMapping = async (chosen: File | undefined): Promise<void> => {
    if (chosen === undefined || file === null) return;
    let saved: SurveyMapping;
    try {
      saved = await readJsonFile(chosen) as SurveyMapping;
    } catch (e) {
      setErrors([(e as Error).message]);
      return;
    }
    await read(file, { mapping: saved });
  };
  const fill = async (): Promise<void> => {
    if (file === null || mapping === null) return;
    setBusy('Remplissage du modèle');
    setErrors([]);
    try {
      const filled = await api('surveys.fill', { ...file, mapping, date });
      setNotices(filled.notices);
      download(filled.fileName, filled.dataBase64);
    } catch (e) {
      setErrors(refusal(e));
    } finally {
      setBusy(null);
    }
  };
  const setFigure = (label: string, id: string): void => {
    if (mapping === null) return;
    const { [label]: _previous, ...others } = mapping.columns;
    setMapping({ ...mapping, columns: id === '' ? others : { ...others, [label]: id } });
  };

  const layout = view?.layout;
  return (
    <section aria-label="Modèle d’enquête de l’académie">
      <h2>Modèle d’enquête de l’académie</h2>
      <p className="muted">
        Le classeur de l’académie (.xlsx), une ligne par PIAL ou par degré : chaque colonne est associée une fois à un indicateur,
        la correspondance s’enregistre, et le modèle est rendu rempli à la date choisie, sa mise en forme conservée.
      </p>
      <div className="filters">
        <label className="file-button">Ouvrir le modèle…<input type="file" aria-label="Modèle d’enquête" accept=".xlsx,.xlsm" disabled={busy !== null} onChange={(e) => void open(e.target.files?.[0])} /></label>
        {file ? <strong>{file.fileName}</strong> : null}
        {file ? <label className="file-button">Appliquer une correspondance enregistrée…<input type="file" aria-label="Correspondance du modèle" accept=".json" disabled={busy !== null} onChange={(e) => void loadMapping(e.target.files?.[0])} /></label> : null}
      </div>
      {busy ? <Busy label={busy} /> : null}
      {errors.map((message) => <p key={message} className="form-error" role="alert">{message}</p>)}
      {file && view && layout && mapping ? (
        <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }} disabled={busy !== null}>
          <div className="filters">
            {view.sheets.length > 1 ? (
              <label className="inline-field">Feuille{' '}
                <select aria-label="Feuille du modèle" value={layout.sheet} onChange={(e) => void read(file, { sheet: e.target.value })}>
                  {view.sheets.map((s) => <option key={s.name} value={s.name}>{s.name}{s.hidden ? ' (masquée)' : ''} — {countOf(s.rowsRecognised, 'ligne reconnue', 'lignes reconnues')}</option>)}
                </select>
              </label>
            ) : null}
            <label className="inline-field">Ligne des en-têtes{' '}
              <select aria-label="Ligne des en-têtes du modèle" value={layout.headerLine} onChange={(e) => void read(file, { sheet: layout.sheet, headerLine: Number(e.target.value) })}>
                {view.firstLines.map((l) => <option key={l.line} value={l.line}>ligne {l.line} : {l.cells.filter((c) => c !== '').slice(0, 4).join(' | ')}</option>)}
              </select>
            </label>
            <label className="inline-field">Colonne des pôles{' '}
              <select aria-label="Colonne des pôles" value={layout.keyColumn.label} onChange={(e) => void read(file, { mapping: { ...mapping, keyColumn: e.target.value } })}>
                {layout.columns.map((c) => <option key={c.index} value={c.label}>{c.letter} — {c.label}</option>)}
              </select>
            </label>
            <DateInput value={date} onChange={setDate} label="Situation au" />
          </div>
          {view.problems.map((p) => <p key={p} className="form-error">{p}</p>)}
          <RowsFound view={view} />
          <h3 style={{ margin: '1.2rem 0 0.4rem' }}>Correspondance des colonnes</h3>
          <table className="plain mapping-table" aria-label="Colonnes du modèle">
            <thead><tr><th>Colonne</th><th>En-tête du modèle</th><th>Indicateur</th></tr></thead>
            <tbody>
              {layout.columns.map((c) => (
                <tr key={c.index}>
                  <td>{c.letter}</td>
                  <td>{c.label}</td>
                  <td>{c.index === layout.keyColumn.index
                    ? <span className="muted">colonne des pôles</span>
                    : <FigureSelect label={c.label} value={mapping.columns[c.label] ?? ''} onChange={(id) => setFigure(c.label, id)} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="form-actions">
            <button type="button" className="primary" onClick={() => void fill()}>Télécharger le modèle rempli</button>
            <button type="button" onClick={() => downloadText(`correspondance-${file.fileName.replace(/\.[^.]+$/, '')}.json`, JSON.stringify(mapping, null, 2))}>Enregistrer la correspondance</button>
          </div>
          {notices.length > 0 ? (
            <ul className="muted" aria-label="Remarques sur le modèle rempli">
              {notices.map((n) => <li key={n}>{n}</li>)}
            </ul>
          ) : null}
        </fieldset>
      ) : null}
    </section>
  );
}
