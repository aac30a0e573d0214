// "Qui peut accompagner cet élève ?": the AESH of the pupil's pôle ranked by what each alone could
// add for the pupil within the hard rules (hours, journeys, continuity, and why). Choosing one
// drafts those slots as a proposal of the assistant (that pupil, that AESH only), reviewed in the
// pupil's week of the editor and accepted or discarded like any proposal.
import { useState, type ReactNode } from 'react';
import { formatHours } from '../../../shared/domain/hours.ts';
import { useApi } from '../api.ts';
import { Loading } from '../components/common.tsx';
import { useUi } from '../store.ts';
import { useApiData } from '../useApiData.ts';
import { useAssistant } from './store.ts';

export function Candidates({ pupilId, schoolId }: { pupilId: number; schoolId: number }): ReactNode {
  const api = useApi();
  const { date, setTimetable, go, notify } = useUi();
  const run = useAssistant((s) => s.run);
  const [drafting, setDrafting] = useState<number | null>(null);
  const candidates = useApiData('allocation.candidates', { pupilId, date });
  const schools = useApiData('schools.list', {});
  const poleId = schools.data?.find((s) => s.id === schoolId)?.poleId ?? null;
  if (candidates.data === undefined || schools.data === undefined) return <Loading error={candidates.error ?? schools.error} />;
  if (poleId === null) return <p className="muted">L’établissement de l’élève n’est rattaché à aucun pôle : aucun AESH à proposer.</p>;

  /** The assistant on this pupil and this AESH alone: every other pupil and AESH of the pôle left out, the pair pinned. */
  const draft = async (aeshId: number, name: string): Promise<void> => {
    setDrafting(aeshId);
    try {
      const { record } = await api('timetable.workspace', { poleId });
      const poleSchools = new Set(record.schools.filter((s) => s.poleId === poleId).map((s) => s.id));
      const { jobId } = await api('allocation.start', {
        poleIds: [poleId], date, replan: false, pinnedSlotIds: [],
        excludedPupilIds: record.pupils.filter((p) => p.id !== pupilId && poleSchools.has(p.schoolId)).map((p) => p.id),
        excludedAeshIds: record.aesh.filter((a) => a.poleId === poleId && a.id !== aeshId).map((a) => a.id),
        pinnedPairs: [{ pupilId, aeshId }],
      });
      const pupil = record.pupils.find((p) => p.id === pupilId);
      run(jobId, `Créneaux ${pupil ? `de ${pupil.firstName} ${pupil.lastName} ` : ''}avec ${name}`, [poleId]);
      setTimetable({ poleId, view: 'pupil', focusId: pupilId });
      go('timetables');
    } catch (error) {
      notify((error as Error).message, 'error');
      setDrafting(null);
    }
  };

  if (candidates.data.length === 0) return <p className="muted">Aucun AESH dans le pôle de l’élève.</p>;
  return (
    <ol className="candidates" aria-label="AESH classés">
      {candidates.data.map((c) => (
        <li key={c.aeshId} className={c.coveredMinutes > 0 ? 'fits' : ''}>
          <div>
            <strong>{c.name}</strong> <span className="muted">{c.matricule}</span>
            {c.continuity ? <span className="tag">continuité</span> : null}
            <p className="candidate-figures">
              {c.coveredMinutes > 0 ? `couvrirait ${formatHours(c.coveredMinutes)}` : 'ne peut rien ajouter'}
              {c.journeyMinutesAdded > 0 ? ` · + ${formatHours(c.journeyMinutesAdded)} de trajet` : ''}
              {` · ${formatHours(c.freeMinutes)} libres au contrat`}
            </p>
            {c.reasons.length > 0 ? <p className="muted">{c.reasons.join(' · ')}</p> : null}
          </div>
          {c.coveredMinutes > 0 ? (
            <button type="button" disabled={drafting !== null} onClick={() => void draft(c.aeshId, c.name)} aria-label={`Choisir ${c.name}`}>
              {drafting === c.aeshId ? 'Préparation…' : 'Choisir'}
            </button>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** The way in from a pupil's record: a button that opens the ranking beneath it. */
export function WhoCanAccompany({ pupilId, schoolId }: { pupilId: number; schoolId: number }): ReactNode {
  const [open, setOpen] = useState(false);
  return (
    <section className="who-can" aria-label="Qui peut accompagner cet élève ?">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>Qui peut accompagner cet élève ?</button>
      {open ? <Candidates pupilId={pupilId} schoolId={schoolId} /> : null}
    </section>
  );
}
