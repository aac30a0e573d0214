// The editor's actions on a whole week: a new slot, an absence, copying an AESH's week to another
// AESH, starting a new period for a school's week, another AESH's lane, printing. Batches are one
// change of the journal, so one undo takes them back.
import { useState, type ReactNode } from 'react';
import type { SlotOperation } from '../../../shared/api/contract.ts';
import type { Absence } from '../../../shared/api/entities.ts';
import { deName } from '../../../shared/domain/french.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { addDaysIso, formatDate, parseDate } from '../../../shared/domain/dates.ts';
import type { Analysis } from '../../../shared/gaps/analysis.ts';
import type { EngineAesh } from '../../../shared/gaps/record.ts';
import { useApi } from '../api.ts';
import { useAssistant } from '../allocation/store.ts';
import { useUi } from '../store.ts';
import { useApiData } from '../useApiData.ts';
import { fullName, slotInput, slotUpdate, type View } from './model.ts';

interface Props {
  view: View;
  focusId: number;
  analysis: Analysis;
  poleAesh: readonly EngineAesh[];
  apply(operations: SlotOperation[], label: string): Promise<void>;
  onNew(): void;
  onAddLane(aeshId: number): void;
  /** "Trouver un remplaçant" for the AESH shown: the ranked AESH for her absent slots of the week. */
  onReplace(aeshId: number): void;
}

function Popover({ label, children }: { label: string; children: (close: () => void) => ReactNode }): ReactNode {
  const [open, setOpen] = useState(false);
  return (
    <span className="popover">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>{label}</button>
      {open ? <div className="popover-body" role="dialog" aria-label={label}>{children(() => setOpen(false))}</div> : null}
    </span>
  );
}

export function WeekTools({ view, focusId, analysis, poleAesh, apply, onNew, onAddLane, onReplace }: Props): ReactNode {
  const api = useApi();
  const { notify, changed, print, date } = useUi();
  const [target, setTarget] = useState('');
  const [from, setFrom] = useState(formatDate(date));
  const [to, setTo] = useState(formatDate(date));
  const [reason, setReason] = useState('');
  const others = poleAesh.filter((a) => a.id !== focusId);
  const poleId = analysis.aeshById.get(focusId)?.poleId ?? analysis.schoolById.get(focusId)?.poleId ?? null;
  const runAssistant = useAssistant((s) => s.run);
  // The AESH's absences from the week shown on: each may get replacements proposed (the record's
  // absences carry the ids the assistant takes; the engine's do not).
  const detail = useApiData('aesh.get', { id: focusId }, view === 'aesh' && focusId > 0);
  const absences = (view === 'aesh' ? detail.data?.absences ?? [] : []).filter((a) => a.endDate >= analysis.week[1]).sort((a, b) => a.startDate.localeCompare(b.startDate));
  const proposeCover = async (absence: Absence, close: () => void): Promise<void> => {
    const aesh = analysis.aeshById.get(focusId);
    try {
      const { jobId } = await api('allocation.cover', { absenceIds: [absence.id] });
      runAssistant(jobId, `Remplaçants ${aesh ? deName(fullName(aesh)) : ''}, absence du ${formatDate(absence.startDate)} au ${formatDate(absence.endDate)}`, poleId === null ? [] : [poleId]);
      close();
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  };

  const copyWeek = async (close: () => void): Promise<void> => {
    const slots = analysis.weekSlots.filter((s) => s.aeshId === focusId);
    const receiver = analysis.aeshById.get(Number(target));
    if (slots.length === 0 || receiver === undefined) return;
    await apply(slots.map((s) => ({ kind: 'create', slot: { ...slotInput(s), aeshId: receiver.id } })), `Semaine copiée vers ${fullName(receiver)}`).then(close, () => undefined);
  };
  const newPeriod = async (close: () => void): Promise<void> => {
    const start = parseDate(from);
    if (start === null) return notify(`Date « ${from} » illisible : jj/mm/aaaa attendu.`, 'error');
    const before = addDaysIso(start, -1);
    const operations: SlotOperation[] = analysis.record.slots
      .filter((s) => s.schoolId === focusId && (s.validTo === null || s.validTo >= start) && (s.validFrom === null || s.validFrom < start))
      .flatMap((s): SlotOperation[] => [
        slotUpdate({ ...s, validTo: before }),
        { kind: 'create', slot: { ...slotInput(s), validFrom: start } },
      ]);
    if (operations.length === 0) return notify('Aucun créneau de l’établissement ne court au-delà de cette date.', 'error');
    await apply(operations, `Nouvelle période à partir du ${formatDate(start)}`).then(close, () => undefined);
  };
  // The absence's dates are checked as typed, on their fields; the API's refusal lands there too.
  const [absenceRefused, setAbsenceRefused] = useState<Partial<Record<'startDate' | 'endDate', string>>>({});
  const absenceStart = parseDate(from);
  const absenceEnd = parseDate(to);
  const unreadable = 'Date illisible : jj/mm/aaaa attendu.';
  const absenceErrors = {
    startDate: absenceStart === null ? unreadable : absenceRefused.startDate,
    endDate: absenceEnd === null ? unreadable
      : absenceStart !== null && absenceEnd < absenceStart ? `La fin de l’absence doit suivre son début (${formatDate(absenceStart)}).`
      : absenceRefused.endDate,
  };
  const declareAbsence = async (close: () => void): Promise<void> => {
    if (absenceStart === null || absenceEnd === null || absenceEnd < absenceStart) return;
    try {
      await api('absences.create', { aeshId: focusId, startDate: absenceStart, endDate: absenceEnd, reason });
      changed();
      notify('Absence enregistrée : les élèves concernés apparaissent à placer sur la période.');
      setAbsenceRefused({});
      close();
    } catch (error) {
      if (error instanceof ApiError) setAbsenceRefused(Object.fromEntries(error.issues.map((i) => [i.path, i.message])));
      notify((error as Error).message, 'error');
    }
  };

  return (
    <>
      <button type="button" onClick={onNew}>Nouveau créneau</button>
      {view === 'aesh' ? (
        <>
          <Popover label="Absence">
            {(close) => (
              <form noValidate onSubmit={(e) => { e.preventDefault(); void declareAbsence(close); }}>
                <label>Du <input value={from} onChange={(e) => { setFrom(e.target.value); setAbsenceRefused({}); }} size={10} placeholder="jj/mm/aaaa" aria-invalid={absenceErrors.startDate !== undefined} /></label>
                {absenceErrors.startDate ? <p className="field-message" role="alert">{absenceErrors.startDate}</p> : null}
                <label>au <input value={to} onChange={(e) => { setTo(e.target.value); setAbsenceRefused({}); }} size={10} placeholder="jj/mm/aaaa" aria-invalid={absenceErrors.endDate !== undefined} /></label>
                {absenceErrors.endDate ? <p className="field-message" role="alert">{absenceErrors.endDate}</p> : null}
                <label>Motif <input value={reason} onChange={(e) => setReason(e.target.value)} /></label>
                <button type="submit" className="primary" disabled={absenceErrors.startDate !== undefined || absenceErrors.endDate !== undefined}>Enregistrer l’absence</button>
                {absences.length > 0 ? (
                  <section className="absence-cover" aria-label="Absences à remplacer">
                    <h3>Absences</h3>
                    <ul className="plain-list">
                      {absences.map((a) => (
                        <li key={a.id}>
                          <span>du {formatDate(a.startDate)} au {formatDate(a.endDate)}{a.reason ? ` (${a.reason})` : ''}</span>
                          <button type="button" onClick={() => { onReplace(focusId); close(); }}>Trouver un remplaçant</button>
                          <button type="button" onClick={() => void proposeCover(a, close)}>Proposer des remplaçants</button>
                        </li>
                      ))}
                    </ul>
                  </section>
                ) : null}
              </form>
            )}
          </Popover>
          <Popover label="Copier la semaine">
            {(close) => (
              <form onSubmit={(e) => { e.preventDefault(); void copyWeek(close); }}>
                <label>Vers <select value={target} onChange={(e) => setTarget(e.target.value)}>
                  <option value="">— choisir un AESH —</option>
                  {others.map((a) => <option key={a.id} value={a.id}>{fullName(a)}</option>)}
                </select></label>
                <button type="submit" className="primary" disabled={target === ''}>Copier</button>
              </form>
            )}
          </Popover>
        </>
      ) : null}
      {view === 'school' ? (
        <>
          <Popover label="Ajouter un AESH">
            {(close) => (
              <select aria-label="AESH à ajouter" value="" onChange={(e) => { onAddLane(Number(e.target.value)); close(); }}>
                <option value="">— choisir —</option>
                {poleAesh.map((a) => <option key={a.id} value={a.id}>{fullName(a)}</option>)}
              </select>
            )}
          </Popover>
          <Popover label="Nouvelle période">
            {(close) => (
              <form onSubmit={(e) => { e.preventDefault(); void newPeriod(close); }}>
                <p className="muted">Les créneaux en cours s’arrêtent la veille ; une copie commence à la date choisie, à modifier ensuite.</p>
                <label>À partir du <input value={from} onChange={(e) => setFrom(e.target.value)} size={10} placeholder="jj/mm/aaaa" /></label>
                <button type="submit" className="primary">Créer la période</button>
              </form>
            )}
          </Popover>
        </>
      ) : null}
      {view !== 'pupil' && poleId !== null ? <button type="button" onClick={() => print({ kind: view, poleId, id: focusId })}>Imprimer</button> : null}
    </>
  );
}
