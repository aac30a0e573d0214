// The side panel of one slot, new or existing. Every field edits the draft at once, so that the
// grid and the conflicts below follow what is typed; times and dates stay as typed until they
// read, and the API's refusal lands on its field. Suggestions rank the pôle's AESH for that time.
import { useId, useState, type ReactNode } from 'react';
import { ApiError } from '../../../shared/api/errors.ts';
import { formatDate, parseDate, type IsoDate } from '../../../shared/domain/dates.ts';
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
  /** The absent AESH's slot that the draft replaces on its day, if it is a replacement. */
  replacing: EngineSlot | null;
  conflicts: readonly Gap[];
  onDraft(slot: EngineSlot): void;
  onSave(slot: EngineSlot): Promise<void>;
  onDelete(): Promise<void>;
  /** "Épingler ce créneau": the slot stays where it is when the assistant re-plans the pôle's week. */
  onPin(label: string): void;
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

/** How one kind of bounds reads, what it says when it cannot, and which order it wants. */
interface BoundsKind<T> {
  /** The value typed, or undefined when it does not read. */
  read(raw: string): T | undefined;
  unreadable: string;
  /** The refusal when the second bound does not follow the first, or null when it does. */
  disorder(first: T, second: T): string | null;
}

interface Bounds {
  texts: [string, string];
  type: [(raw: string) => void, (raw: string) => void];
  /** What is wrong with each field as typed, shown under it. */
  errors: [string | undefined, string | undefined];
}

/**
 * Two bounds as typed (start and end times, validity dates). They reach the draft together, and
 * only once both read and run forwards: the grid and the suggestions never see a slot that ends
 * before it starts, and the field says what is wrong while the panel stays open.
 */
function useBounds<T>(initial: [string, string], kind: BoundsKind<T>, apply: (first: T, second: T) => void): Bounds {
  const [texts, setTexts] = useState(initial);
  const check = ([a, b]: [string, string]): [T | undefined, T | undefined, string | null] => {
    const first = kind.read(a);
    const second = kind.read(b);
    return [first, second, first === undefined || second === undefined ? null : kind.disorder(first, second)];
  };
  const [first, second, disorder] = check(texts);
  const type = (index: 0 | 1) => (raw: string): void => {
    const next: [string, string] = index === 0 ? [raw, texts[1]] : [texts[0], raw];
    setTexts(next);
    const [a, b, wrong] = check(next);
    if (a !== undefined && b !== undefined && wrong === null) apply(a, b);
  };
  return {
    texts,
    type: [type(0), type(1)],
    errors: [first === undefined ? kind.unreadable : undefined, second === undefined ? kind.unreadable : disorder ?? undefined],
  };
}

const TIMES: BoundsKind<number> = {
  read: (raw) => parseClock(raw) ?? undefined,
  unreadable: 'Heure illisible : HH:MM attendu.',
  disorder: (start, end) => (end > start ? null : `La fin doit venir après le début (${formatHours(start)}).`),
};
/** Validity dates: empty reads as "toujours" (null). */
const DATES: BoundsKind<IsoDate | null> = {
  read: (raw) => (raw.trim() === '' ? null : parseDate(raw) ?? undefined),
  unreadable: 'Date illisible : jj/mm/aaaa attendu.',
  disorder: (from, to) => (from === null || to === null || from <= to ? null : `La fin de validité doit suivre son début (${formatDate(from)}).`),
};

export function SlotPanel({ analysis, poleId, draft, replacing, conflicts, onDraft, onSave, onDelete, onPin, onClose }: Props): ReactNode {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const change = (patch: Partial<EngineSlot>): void => onDraft({ ...draft, ...patch });
  const times = useBounds([formatClockInput(draft.startMinute), formatClockInput(draft.endMinute)], TIMES, (startMinute, endMinute) => change({ startMinute, endMinute }));
  const validity = useBounds([formatDate(draft.validFrom), formatDate(draft.validTo)], DATES, (validFrom, validTo) => change({ validFrom, validTo }));
  const typingWrong = [...times.errors, ...validity.errors].some((e) => e !== undefined);

  const aesh = [...analysis.record.aesh].sort(byFrench<EngineAesh>((a) => (a.poleId === poleId ? '0' : '1'), fullName));
  const schools = [...analysis.record.schools].sort(byFrench((s) => s.name));
  const schoolPupils = analysis.pupils.filter((c) => c.school.id === draft.schoolId || draft.pupilIds.includes(c.pupil.id)).sort(byFrench((c) => fullName(c.pupil)));
  const suggestions = draft.nature === 'lunch' && draft.pupilIds.length === 0 ? [] : suggestAesh(analysis, {
    poleId, pupilId: draft.pupilIds[0] ?? null, schoolId: draft.schoolId, weekday: draft.weekday,
    startMinute: draft.startMinute, endMinute: draft.endMinute, slotId: draft.id,
  });
  const isNew = draft.id < 0;
  const day = formatDate(analysis.week[draft.weekday]);
  const nameOf = (aeshId: number): string => {
    const found = analysis.aeshById.get(aeshId);
    return found === undefined ? '?' : fullName(found);
  };

  const save = async (): Promise<void> => {
    if (typingWrong) return;
    setSaving(true);
    try {
      await onSave(draft);
    } catch (error) {
      // The path names the field inside the batch ("operations.0.slot.endMinute"): its first part that is a field of the slot.
      if (error instanceof ApiError && error.issues.length > 0) setErrors(Object.fromEntries(error.issues.map((i) => [i.path.split('.').find((part) => part in draft) ?? '_', i.message])));
      else setErrors({ _: (error as Error).message });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="slot-panel" aria-label="Créneau" noValidate onSubmit={(event) => { event.preventDefault(); void save(); }}>
      {errors._ ? <p className="form-error" role="alert">{errors._}</p> : null}
      {replacing !== null ? (
        <p className="slot-notice">Remplacement de {nameOf(replacing.aeshId)}, absence du {day} : ce créneau ne vaut que ce jour-là ; le créneau habituel de {nameOf(replacing.aeshId)} ne change pas.</p>
      ) : analysis.absentSlots.has(draft.id) ? (
        <p className="slot-notice">Absence de {nameOf(draft.aeshId)} le {day} : choisir un autre AESH crée un remplacement pour ce jour seulement ; ce créneau reste le sien.</p>
      ) : null}
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
        <Field label="Début" error={times.errors[0] ?? errors.startMinute}>
          {(id) => <input id={id} size={6} value={times.texts[0]} placeholder="HH:MM" aria-invalid={times.errors[0] !== undefined} onChange={(e) => times.type[0](e.target.value)} />}
        </Field>
        <Field label="Fin" error={times.errors[1] ?? errors.endMinute}>
          {(id) => <input id={id} size={6} value={times.texts[1]} placeholder="HH:MM" aria-invalid={times.errors[1] !== undefined} onChange={(e) => times.type[1](e.target.value)} />}
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
        <Field label="Valable du" error={validity.errors[0] ?? errors.validFrom}>
          {(id) => <input id={id} size={10} value={validity.texts[0]} placeholder="toujours" aria-invalid={validity.errors[0] !== undefined} onChange={(e) => validity.type[0](e.target.value)} />}
        </Field>
        <Field label="au" error={validity.errors[1] ?? errors.validTo}>
          {(id) => <input id={id} size={10} value={validity.texts[1]} placeholder="toujours" aria-invalid={validity.errors[1] !== undefined} onChange={(e) => validity.type[1](e.target.value)} />}
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
        <button type="submit" className="primary" disabled={saving || typingWrong}>{replacing !== null ? 'Créer le remplacement' : isNew ? 'Créer le créneau' : 'Enregistrer'}</button>
        <button type="button" onClick={onClose}>Annuler</button>
        {!isNew ? <button type="button" className="danger" onClick={() => void onDelete()}>Supprimer</button> : null}
        {!isNew ? (
          <button type="button" title="Ce créneau ne bougera pas si la semaine du pôle est replanifiée" onClick={() => onPin(`${WEEKDAY_LABELS[draft.weekday]} ${formatHours(draft.startMinute)} – ${formatHours(draft.endMinute)}, ${nameOf(draft.aeshId)}`)}>
            Épingler ce créneau
          </button>
        ) : null}
      </div>
    </form>
  );
}
