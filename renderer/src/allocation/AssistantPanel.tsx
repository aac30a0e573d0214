// The allocation assistant's side panel, the same in Emplois du temps and in Répartition: the
// options, the job's progress with its cancel button, the draft under review, what happened when
// it ended without writing, or the AESH ranked for one pupil. Accepting writes one change of the
// journal, which the editor's undo takes back; after a partial acceptance the rest of the
// proposal stays under review.
import type { ReactNode } from 'react';
import { countOf } from '../../../shared/domain/french.ts';
import { useApi } from '../api.ts';
import { JobProgress, type JobStatus } from '../components/JobProgress.tsx';
import { SidePanel } from '../components/SidePanel.tsx';
import { useUi } from '../store.ts';
import { useHistory } from '../timetable/history.ts';
import { Candidates } from './Candidates.tsx';
import { Draft } from './Draft.tsx';
import { Options } from './Options.tsx';
import { useAssistant, type Stage } from './store.ts';

const TITLES: Record<Exclude<Stage['kind'], 'closed'>, string> = {
  options: 'Proposer une répartition',
  candidates: 'Qui peut accompagner cet élève ?',
  running: 'Calcul de la proposition',
  draft: 'Proposition à valider',
  ended: 'Proposition',
};

const NOTHING_WRITTEN = 'Aucune modification n’a été enregistrée.';

export function AssistantPanel({ onShowPole }: { onShowPole?(poleId: number): void }): ReactNode {
  const api = useApi();
  const { changed, notify, date } = useUi();
  const record = useHistory((s) => s.record);
  const { stage, title, poleIds, choices, run, review, select, end, close, configure } = useAssistant();
  if (stage.kind === 'closed') return null;

  const fail = (error: unknown): void => notify((error as Error).message, 'error');
  const start = async (): Promise<void> => {
    try {
      run((await api('allocation.start', { poleIds, ...choices })).jobId);
    } catch (error) {
      fail(error);
    }
  };
  const ended = async (status: JobStatus): Promise<void> => {
    if (status.state === 'cancelled') return end(`Calcul annulé. ${NOTHING_WRITTEN}`);
    if (status.state !== 'done') return end(`Le calcul n’a pas abouti : ${status.error ?? 'erreur inconnue'}. ${NOTHING_WRITTEN}`);
    try {
      review(status.jobId, await api('allocation.result', { jobId: status.jobId }));
    } catch (error) {
      end(`La proposition n’a pas pu être lue : ${(error as Error).message}. ${NOTHING_WRITTEN}`);
    }
  };
  const accept = async (slotKeys: string[] | undefined): Promise<void> => {
    if (stage.kind !== 'draft') return;
    const count = slotKeys?.length ?? stage.proposal.slots.length;
    const label = `Proposition acceptée : ${countOf(count, 'créneau ajouté', 'créneaux ajoutés')}`;
    try {
      const done = await api('allocation.accept', { jobId: stage.jobId, ...(slotKeys === undefined ? {} : { slotKeys }) });
      record({ changeId: done.changeId, label });
      changed();
      notify(label);
      // The services keep what was not chosen: it stays in the draft (and in the grids) until accepted or discarded.
      const rest = slotKeys === undefined ? null : await api('allocation.result', { jobId: stage.jobId });
      if (rest === null || rest.slots.length + rest.ended.length + rest.removed.length === 0) close();
      else review(stage.jobId, rest, stage.accepted + done.slots.length);
    } catch (error) {
      fail(error);
    }
  };
  // Closing while the job runs stops it: nobody would see its proposal.
  const onClose = (): void => {
    if (stage.kind === 'running') void api('jobs.cancel', { jobId: stage.jobId }).catch(() => undefined);
    close();
  };

  return (
    <SidePanel title={TITLES[stage.kind]} onClose={onClose}>
      <div className="assistant">
        {title !== '' && stage.kind !== 'candidates' ? <p className="assistant-subject">{title}</p> : null}
        {stage.kind === 'options' ? <Options onStart={start} /> : null}
        {stage.kind === 'candidates' ? <Candidates pupilId={stage.pupilId} schoolId={stage.schoolId} /> : null}
        {stage.kind === 'running' ? <JobProgress key={stage.jobId} jobId={stage.jobId} label="Recherche de la meilleure répartition" onEnd={(status) => void ended(status)} /> : null}
        {stage.kind === 'draft' ? (
          <Draft
            proposal={stage.proposal} accepted={stage.accepted} chosen={stage.chosen} onChoose={select} onAccept={accept} onShowPole={onShowPole}
            onDiscard={() => end(`Proposition abandonnée. ${NOTHING_WRITTEN}`)}
          />
        ) : null}
        {stage.kind === 'ended' ? (
          <div className="assistant-ended">
            <p role="status">{stage.message}</p>
            <div className="form-actions">
              {poleIds.length > 0 ? <button type="button" onClick={() => configure(poleIds, title, date)}>Nouvelle proposition</button> : null}
              <button type="button" onClick={close}>Fermer</button>
            </div>
          </div>
        ) : null}
      </div>
    </SidePanel>
  );
}
