// The exports (the record, the PIAL dashboards, the survey, the timetables) as jobs: a whole
// département's workbook takes seconds, so each shows its steps on a progress bar with Annuler.
import { useState, type ReactNode } from 'react';
import { EXPORT_KINDS, type ExportKind } from '../../../shared/api/contract.ts';
import { useApi } from '../api.ts';
import { DateInput } from '../components/DateInput.tsx';
import { useJob } from '../components/useJob.tsx';
import { download } from '../files.ts';
import { useUi } from '../store.ts';
import { useApiData } from '../useApiData.ts';

const EXPORTS: Record<ExportKind, { title: string; detail: string }> = {
  record: { title: 'Base complète', detail: 'le classeur d’échange, réimportable tel quel' },
  dashboards: { title: 'Tableaux de bord PIAL', detail: 'une synthèse et une feuille par pôle' },
  survey: { title: 'Enquête', detail: 'les chiffres du département et les élèves en attente, à coller dans une enquête' },
  timetables: { title: 'Emplois du temps', detail: 'une feuille par AESH' },
};

export function ExportSection(): ReactNode {
  const api = useApi();
  const { date, setDate } = useUi();
  const poles = useApiData('poles.list', {});
  const [pole, setPole] = useState('');
  const job = useJob((jobId) => api('export.result', { jobId }), (file) => download(file.fileName, file.dataBase64), 'Export annulé : aucun fichier n’a été créé.');
  const exportNow = (kind: ExportKind): Promise<void> =>
    job.start(`Export « ${EXPORTS[kind].title} »`, () => api('export.start', { kind, date, pole: pole === '' || kind === 'record' || kind === 'survey' ? undefined : pole }));
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
          <button key={kind} type="button" className="tile" disabled={job.running} onClick={() => void exportNow(kind)}>
            <strong>{EXPORTS[kind].title}</strong>
            <span className="muted">{EXPORTS[kind].detail}</span>
          </button>
        ))}
      </div>
      {job.view}
    </section>
  );
}
