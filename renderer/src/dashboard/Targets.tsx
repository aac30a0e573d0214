// The coverage targets the trend is drawn against, one per snapshot label (90 % at Rentrée…),
// set by the user beside the chart and kept in the settings.
import { useState, type ReactNode } from 'react';
import type { Settings } from '../../../shared/domain/settings.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { useUi } from '../store.ts';
import { useMutation } from '../useSave.ts';

interface Row { label: string; percent: string }

export function Targets({ settings }: { settings: Settings }): ReactNode {
  const mutate = useMutation();
  const notify = useUi((s) => s.notify);
  const [rows, setRows] = useState<Row[]>(settings.coverageTargets.map((t) => ({ label: t.label, percent: String(t.percent) })));
  const [error, setError] = useState<string | null>(null);
  const edit = (index: number, change: Partial<Row>): void => setRows((all) => all.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const save = async (): Promise<void> => {
    try {
      const coverageTargets = rows.filter((r) => r.label.trim() !== '' || r.percent.trim() !== '').map((r) => ({ label: r.label, percent: r.percent }));
      await mutate('settings.update', { ...settings, coverageTargets }, 'Objectifs enregistrés.');
      setError(null);
    } catch (failure) {
      const issues = failure instanceof ApiError ? failure.issues.map((i) => `ligne ${Number(i.path.split('.')[1] ?? 0) + 1} : ${i.message}`) : [];
      setError([(failure as Error).message, ...issues].join(' '));
      notify('Objectifs non enregistrés.', 'error');
    }
  };
  return (
    <form className="targets" aria-label="Objectifs" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <p className="field-hint">Objectif de part des élèves notifiés accompagnés en totalité, pour chaque nom de relevé.</p>
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      <table className="plain">
        <thead><tr><th>Relevé</th><th className="num">Objectif (%)</th><th><span className="sr-only">Actions</span></th></tr></thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              <td><input aria-label={`Relevé ${index + 1}`} value={row.label} onChange={(e) => edit(index, { label: e.target.value })} /></td>
              <td className="num"><input aria-label={`Objectif ${index + 1} (%)`} inputMode="numeric" size={4} value={row.percent} onChange={(e) => edit(index, { percent: e.target.value })} /></td>
              <td><button type="button" className="icon" aria-label={`Retirer l’objectif ${index + 1}`} onClick={() => setRows((all) => all.filter((_, i) => i !== index))}>×</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" onClick={() => setRows((all) => [...all, { label: '', percent: '' }])}>Ajouter un objectif</button>
        <button type="submit" className="primary">Enregistrer les objectifs</button>
      </div>
    </form>
  );
}
