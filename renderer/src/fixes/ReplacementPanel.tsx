// "Trouver un remplaçant", beside the absent AESH's week: the slots her absence leaves this week,
// the pôle's AESH ranked for them with the reasons, and "Choisir", which writes a dated
// replacement for each slot the AESH can take, as one change of the journal (one undo). What is
// left stays listed for a second AESH; the assistant can also mix AESH (allocation.cover).
import { useState, type ReactNode } from 'react';
import type { SlotOperation } from '../../../shared/api/contract.ts';
import { formatDate } from '../../../shared/domain/dates.ts';
import { WEEKDAY_LABELS } from '../../../shared/domain/enums.ts';
import { countOf, deName } from '../../../shared/domain/french.ts';
import { formatHours } from '../../../shared/domain/hours.ts';
import type { Analysis } from '../../../shared/gaps/analysis.ts';
import type { EngineSlot } from '../../../shared/gaps/record.ts';
import { useApi } from '../api.ts';
import { useAssistant } from '../allocation/store.ts';
import { useUi } from '../store.ts';
import { useApiData } from '../useApiData.ts';
import { fullName, pupilShort } from '../timetable/model.ts';
import { rankReplacers, replacementOperations, slotsToReplace } from './replacement.ts';

interface Props {
  analysis: Analysis;
  poleId: number;
  aeshId: number;
  apply(operations: SlotOperation[], label: string): Promise<void>;
  onClose(): void;
}

export function ReplacementPanel({ analysis, poleId, aeshId, apply, onClose }: Props): ReactNode {
  const api = useApi();
  const notify = useUi((s) => s.notify);
  const runAssistant = useAssistant((s) => s.run);
  const [choosing, setChoosing] = useState<number | null>(null);
  const detail = useApiData('aesh.get', { id: aeshId });
  const absent = analysis.aeshById.get(aeshId);
  if (absent === undefined) return <p className="muted">AESH introuvable dans ce pôle.</p>;
  const name = fullName(absent);
  const slots = slotsToReplace(analysis, aeshId);
  const replacers = rankReplacers(analysis, poleId, slots);
  const able = replacers.filter((r) => r.takes.length > 0);
  const week = analysis.week;
  const absences = (detail.data?.absences ?? []).filter((a) => a.startDate <= week[6] && a.endDate >= week[1]);
  const pupils = (slot: EngineSlot): string => slot.pupilIds.map((id) => analysis.pupilById.get(id)).filter((p) => p !== undefined).map(pupilShort).join(', ');
  const when = (slot: EngineSlot): string => `${WEEKDAY_LABELS[slot.weekday]} ${formatDate(week[slot.weekday])}, ${formatHours(slot.startMinute)} – ${formatHours(slot.endMinute)}`;

  const choose = async (replacerId: number, takes: readonly EngineSlot[]): Promise<void> => {
    const replacer = analysis.aeshById.get(replacerId)!;
    setChoosing(replacerId);
    const label = `Remplacement ${deName(name)} par ${fullName(replacer)} : ${countOf(takes.length, 'créneau', 'créneaux')}`;
    await apply(replacementOperations(analysis, takes, replacerId), label).catch(() => undefined);
    setChoosing(null);
  };
  /** The assistant's cover of these absences: it may give each slot to a different AESH. */
  const propose = async (): Promise<void> => {
    try {
      const { jobId } = await api('allocation.cover', { absenceIds: absences.map((a) => a.id) });
      runAssistant(jobId, `Remplaçants ${deName(name)}`, [poleId]);
      onClose();
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  };

  return (
    <div className="replacement">
      <p className="assistant-subject">
        Absence {deName(name)}
        {absences.map((a) => ` du ${formatDate(a.startDate)} au ${formatDate(a.endDate)}${a.reason ? ` (${a.reason})` : ''}`).join(',')}
      </p>
      {absences.some((a) => a.endDate > week[6]) ? <p className="muted">L’absence continue au-delà de cette semaine : ses jours suivants se remplacent depuis la semaine suivante.</p> : null}
      <section aria-label="Créneaux à remplacer">
        <h3>Créneaux à remplacer cette semaine</h3>
        {slots.length === 0 ? <p role="status">Aucun créneau {deName(name)} n’attend de remplaçant cette semaine.</p> : (
          <ul className="plain-list">
            {slots.map((s) => <li key={s.id}>{when(s)} · {analysis.schoolById.get(s.schoolId)?.name ?? '?'} · {pupils(s)}</li>)}
          </ul>
        )}
      </section>
      {slots.length > 0 ? (
        <section aria-label="Remplaçants possibles" className="suggestions">
          <h3>Remplaçants possibles</h3>
          {able.length === 0 ? <p className="muted">Aucun AESH du pôle n’est libre à ces heures avec du temps au contrat.</p> : null}
          <ol>
            {able.map((r) => (
              <li key={r.aesh.id} className="fits">
                <div>
                  <strong>{fullName(r.aesh)}</strong> {r.knows.length > 0 ? <span className="tag">connaît {r.knows.join(', ')}</span> : null}
                  <p className="candidate-figures">
                    {r.takes.length === slots.length ? `prendrait les ${countOf(slots.length, 'créneau', 'créneaux')}` : `prendrait ${countOf(r.takes.length, 'créneau', 'créneaux')} sur ${slots.length}`} ({formatHours(r.minutes)})
                  </p>
                  <p className="muted">{r.reasons.join(' · ')}</p>
                </div>
                <button type="button" disabled={choosing !== null} aria-label={`Choisir ${fullName(r.aesh)}`} onClick={() => void choose(r.aesh.id, r.takes)}>
                  {choosing === r.aesh.id ? 'Enregistrement…' : 'Choisir'}
                </button>
              </li>
            ))}
          </ol>
          {replacers.length > able.length ? <p className="muted">{countOf(replacers.length - able.length, 'autre AESH du pôle n’est libre', 'autres AESH du pôle ne sont libres')} à aucun de ces créneaux.</p> : null}
        </section>
      ) : null}
      <div className="form-actions">
        {slots.length > 0 && absences.length > 0 ? (
          <button type="button" onClick={() => void propose()} title="L’assistant répartit les créneaux entre plusieurs AESH si besoin">Proposition automatique</button>
        ) : null}
        <button type="button" onClick={onClose}>Fermer</button>
      </div>
    </div>
  );
}
