// Saving the figures of a date as a snapshot (relevé), of every pôle at once: run as a job, its
// steps on a progress bar with Annuler; a cancel before the write saves nothing.
import { useState, type ReactNode } from 'react';
import { formatDate, type IsoDate } from '../../../shared/domain/dates.ts';
import { useApi } from '../api.ts';
import { useJob } from '../components/useJob.tsx';
import { useUi } from '../store.ts';

const SNAPSHOT_LABELS = ['Rentrée', '1er octobre', 'Toussaint', 'Noël', 'Fin d’année'];

export function SnapshotForm({ date }: { date: IsoDate }): ReactNode {
  const api = useApi();
  const { changed, notify } = useUi();
  const [label, setLabel] = useState(SNAPSHOT_LABELS[0]!);
  const job = useJob((jobId) => api('snapshots.result', { jobId }), (snapshot) => {
    changed();
    notify(`Relevé « ${snapshot.label} » enregistré.`);
  }, 'Relevé annulé : rien n’a été enregistré.');
  return (
    <>
      <form className="filters" onSubmit={(e) => { e.preventDefault(); void job.start(`Relevé « ${label} » du ${formatDate(date)}`, () => api('snapshots.start', { date, label })); }}>
        <label htmlFor="snapshot-label">Enregistrer les chiffres du {formatDate(date)} sous le nom</label>
        <input id="snapshot-label" list="snapshot-labels" value={label} onChange={(e) => setLabel(e.target.value)} />
        <datalist id="snapshot-labels">{SNAPSHOT_LABELS.map((l) => <option key={l} value={l} />)}</datalist>
        <button type="submit" disabled={job.running}>Enregistrer le relevé</button>
      </form>
      {job.view}
    </>
  );
}
