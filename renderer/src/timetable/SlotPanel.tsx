// The side panel of one slot, new or existing. Every field edits the draft at once, so that the
// grid and the conflicts below follow what is typed; times and dates stay as typed until they
// read, and the API's refusal lands on its field. Suggestions rank the pôle's AESH for that time.
import { useId, useState, type ReactNode } from 'react';
import { ApiError } from '../../../shared/api/errors.ts';
import { formatDate, parseDate } from '../../../shared/domain/dates.ts';
import { SLOT_NATURE_LABELS, SLOT_NATURES, WEEKDAY_LABELS, WEEKDAYS, type SlotNature, type Weekday } from '../../../shared/domain/enums.ts';
import { formatClockInput, formatHours, parseClock } from '../../../shared/domain/hours.ts';
import { byFrench } from '../../../shared/domain/collate.ts';
import type { Analysis } from '../../../shared/gaps/analysis.ts';
import type { EngineAesh, EngineSlot } from '../../../shared/gaps/record.ts';
import type { Gap } from '../../../shared/gaps/types.ts';
import { suggestAesh } from '../../../shared/timetable/suggest.ts';
import { SeverityBadge } from '../components/SeverityBadge.tsx';
import { fullName } from './model.ts';

interface Props {
  analysis: Analysis;
  poleId: number;
  draft: EngineSlot;
  conflicts: readonly Gap[];
  onDraft(slot: EngineSlot): void;
  onSave(slot: EngineSlot): Promise<void>;
  onDelete(): Promise<void>;
  onClose(): void;
}

function Field({ label, error, children }: { label: string; error?: string | undefined; children: (id: string) => ReactNode }): ReactNode {
  const id = useId();
  return (
    <div className={error ? 'field field-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {error ? <p className="field-message" role="alert">{error}</p> : null}
    </div>
  );
}

/** A time or a date as typed, applied to the draft whenever it reads. */
function useTyped(initial: string, read: (raw: string) => unknown): [string, (raw: string) => boolean, string | undefined] {
  const [text, setText] = useState(initial);
  const valid = read(text) !== null;
  return [text, (raw) => { setText(raw); return read(raw) !== null; }, valid ? undefined : 'illisible'];
}

export function SlotPanel({ analysis, poleId, draft, conflicts, onDraft, onSave, onDelete, onClose }: Props): ReactNode {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [start, setStart, startBad] = useTyped(formatClockInput(draft.startMinute), parseClock);
  const [end, setEnd, endBad] = useTyped(formatClockInput(draft.endMinute), parseClock);
  const readOptionalDate = (raw: string): string | null | undefined => (raw.trim() === '' ? undefined : parseDate(raw));
  const [from, setFrom, fromBad] = useTyped(formatDate(draft.validFrom), readOptionalDate);
  const [to, setTo, toBad] = useTyped(formatDate(draft.validTo), readOptionalDate);
  const change = (patch: Partial<EngineSlot>): void => onDraft({ ...draft, ...patch });

  const aesh = [...analysis.record.aesh].sort(byFrench<EngineAesh>((a) => (a.poleId === poleId ? '0' : '1'), fullName));
  const schools = [...analysis.record.schools].sort(byFrench((s) => s.name));
  const schoolPupils = analysis.pupils.filter((c) => c.school.id === draft.schoolId || draft.pupilIds.includes(c.pupil.id)).sort(byFrench((c) => fullName(c.pupil)));
  const suggestions = draft.nature === 'lunch' && draft.pupilIds.length === 0 ? [] : suggestAesh(analysis, {
    poleId, pupilId: draft.pupilIds[0] ?? null, schoolId: draft.schoolId, weekday: draft.weekday,
    startMinute: draft.startMinute, endMinute: draft.endMinute, slotId: draft.id,
  });
  const isNew = draft.id < 0;

  const save = async (): Promise<void> => {
    setSaving(true);
    try {
      await onSave(draft);
    } catch (error) {
      if (error instanceof ApiError && error.issues.length > 0) setErrors(Object.fromEntries(error.issues.map((i) => [i.path.split('.')[0] ?? '_', i.message])));
      else setErrors({ _: (error as Error).message });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="slot-panel" aria-label="Créneau" noValidate onSubmit={(event) => { event.preventDefault(); void save(); }}>
      {errors._ ? <p className="form-error" role="alert">{errors._}</p> : null}
      <Field label="AESH" error={errors.aeshId}>
        {(id) => (
          <select id={id} value={draft.aeshId || ''} onChange={(e) => change({ aeshId: Number(e.target.value) })}>
            <option value="">— choisir —</option>
            {aesh.map((a) => <option key={a.id} value={a.id}>{fullName(a)}{a.poleId === poleId ? '' : ' (autre pôle)'}</option>)}
          </select>
        )}
      </Field>
      <Field label="Établissement" error={errors.schoolId}>
        {(id) => (
          <select id={id} value={draft.schoolId || ''} onChange={(e) => change({ schoolId: Number(e.target.value), pupilIds: [] })}>
            <option value="">— choisir —</option>
            {schools.map((s) => <option key={s.id} value={s.id}>{s.name} ({s.commune ?? s.uai})</option>)}
          </select>
        )}
      </Field>
      <div className="field-row">
        <Field label="Jour" error={errors.weekday}>
          {(id) => (
            <select id={id} value={draft.weekday} onChange={(e) => change({ weekday: Number(e.target.value) as Weekday })}>
              {WEEKDAYS.map((d) => <option key={d} value={d}>{WEEKDAY_LABELS[d]}</option>)}
            </select>
          )}
        </Field>
        <Field label="Début" error={errors.startMinute ?? (startBad && 'Heure illisible : HH:MM attendu.')}>
          {(id) => <input id={id} size={6} value={start} placeholder="HH:MM" onChange={(e) => setStart(e.target.value) && change({ startMinute: parseClock(e.target.value)! })} />}
        </Field>
        <Field label="Fin" error={errors.endMinute ?? (endBad && 'Heure illisible : HH:MM attendu.')}>
          {(id) => <input id={id} size={6} value={end} placeholder="HH:MM" onChange={(e) => setEnd(e.target.value) && change({ endMinute: parseClock(e.target.value)! })} />}
        </Field>
      </div>
      <Field label="Nature" error={errors.nature}>
        {(id) => (
          <select id={id} value={draft.nature} onChange={(e) => change({ nature: e.target.value as SlotNature })}>
            {SLOT_NATURES.map((n) => <option key={n} value={n}>{SLOT_NATURE_LABELS[n]}</option>)}
          </select>
        )}
      </Field>
      <fieldset className={errors.pupilIds ? 'pupil-picker field-error' : 'pupil-picker'}>
        <legend>Élèves servis {draft.pupilIds.length > 1 ? '(aide mutualisée)' : ''}</legend>
        {schoolPupils.length === 0 ? <p className="muted">Aucun élève dans cet établissement.</p> : null}
        {schoolPupils.map((c) => {
          const n = c.notification;
          const status = n === null ? 'sans notification' : n.kind === 'individual' ? `${formatHours(c.plannedMinutes)} / ${formatHours(n.weeklyMinutes ?? 0)} notifiées` : `mutualisée${c.plannedMinutes === 0 ? ', sans AESH' : ''}`;
          const checked = draft.pupilIds.includes(c.pupil.id);
          return (
            <label key={c.pupil.id} className="check">
              <input type="checkbox" checked={checked} onChange={() => change({ pupilIds: checked ? draft.pupilIds.filter((p) => p !== c.pupil.id) : [...draft.pupilIds, c.pupil.id] })} />
              {fullName(c.pupil)} <span className="muted">{c.pupil.level ?? ''} · {status}</span>
            </label>
          );
        })}
        {errors.pupilIds ? <p className="field-message" role="alert">{errors.pupilIds}</p> : null}
      </fieldset>
      <div className="field-row">
        <Field label="Valable du" error={errors.validFrom ?? (fromBad && 'Date illisible : jj/mm/aaaa attendu.')}>
          {(id) => <input id={id} size={10} value={from} placeholder="toujours" onChange={(e) => setFrom(e.target.value) && change({ validFrom: readOptionalDate(e.target.value) ?? null })} />}
        </Field>
        <Field label="au" error={errors.validTo ?? (toBad && 'Date illisible : jj/mm/aaaa attendu.')}>
          {(id) => <input id={id} size={10} value={to} placeholder="toujours" onChange={(e) => setTo(e.target.value) && change({ validTo: readOptionalDate(e.target.value) ?? null })} />}
        </Field>
      </div>

      <section aria-label="Conflits du créneau" className="slot-conflicts">
        <h3>Conflits</h3>
        {conflicts.length === 0 ? <p className="ok">Aucun conflit : le créneau respecte le contrat, les horaires et les trajets.</p> : (
          <ul>{conflicts.map((c) => <li key={`${c.code}${c.message}`}><SeverityBadge severity={c.severity} /> {c.message}</li>)}</ul>
        )}
      </section>

      {suggestions.length > 0 ? (
        <section aria-label="AESH suggérés" className="suggestions">
          <h3>AESH disponibles</h3>
          <ol>
            {suggestions.map((s) => (
              <li key={s.aesh.id} className={s.fits ? 'fits' : ''}>
                <div>
                  <strong>{fullName(s.aesh)}</strong> {s.aesh.id === draft.aeshId ? <span className="tag">choisi(e)</span> : null}
                  <p className="muted">{s.reasons.join(' · ')}</p>
                </div>
                {s.aesh.id !== draft.aeshId ? <button type="button" onClick={() => change({ aeshId: s.aesh.id })}>Choisir</button> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving || startBad !== undefined || endBad !== undefined}>{isNew ? 'Créer le créneau' : 'Enregistrer'}</button>
        <button type="button" onClick={onClose}>Annuler</button>
        {!isNew ? <button type="button" className="danger" onClick={() => void onDelete()}>Supprimer</button> : null}
      </div>
    </form>
  );
}
