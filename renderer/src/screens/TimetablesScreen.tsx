// A first, list-based view of each AESH's week: the slots by weekday, and a form to add or change
// one. The drag-and-drop grid with live conflicts comes with the timetable editor.
import { useMemo, useState, type ReactNode } from 'react';
import type { PupilRow, SchoolRow, Slot } from '../../../shared/api/entities.ts';
import { slotFields } from '../../../shared/api/inputs.ts';
import { formatDate } from '../../../shared/domain/dates.ts';
import { SLOT_NATURE_LABELS, SLOT_NATURES, WEEKDAY_LABELS, WEEKDAYS } from '../../../shared/domain/enums.ts';
import { formatClockInput, formatHours } from '../../../shared/domain/hours.ts';
import { DeleteButton, Loading, matches, ScreenHeader, SearchBox } from '../components/common.tsx';
import { FormError, SelectField, TextField, useForm } from '../components/form.tsx';
import { SidePanel } from '../components/SidePanel.tsx';
import { useApiData } from '../useApiData.ts';
import { useMutation } from '../useSave.ts';

function SlotForm({ aeshId, slot, schools, pupils, close }: {
  aeshId: number; slot: Slot | null; schools: SchoolRow[]; pupils: PupilRow[]; close(): void;
}): ReactNode {
  const mutate = useMutation();
  const form = useForm(slotFields, {
    aeshId: String(aeshId), schoolId: slot ? String(slot.schoolId) : '', weekday: String(slot?.weekday ?? 1),
    startMinute: slot ? formatClockInput(slot.startMinute) : '08:30', endMinute: slot ? formatClockInput(slot.endMinute) : '11:30',
    nature: slot?.nature ?? 'accompaniment', pupilIds: slot?.pupilIds ?? [],
    validFrom: formatDate(slot?.validFrom), validTo: formatDate(slot?.validTo),
  });
  const schoolPupils = pupils.filter((p) => String(p.schoolId) === form.values.schoolId);
  const chosen = form.values.pupilIds as number[];
  const toggle = (id: number): void => form.set('pupilIds', chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id]);
  const save = (): Promise<void> => form.submit(async (values) => {
    if (slot === null) await mutate('slots.create', values, 'Créneau ajouté.');
    else await mutate('slots.update', { ...values, id: slot.id }, 'Créneau enregistré.');
    close();
  });
  return (
    <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate aria-label="Créneau">
      <FormError form={form} />
      <SelectField form={form} name="schoolId" label="Établissement" empty="— choisir —" options={schools.map((s) => [String(s.id), `${s.name} (${s.commune ?? s.uai})`])} />
      <div className="field-row">
        <SelectField form={form} name="weekday" label="Jour" options={WEEKDAYS.map((d) => [String(d), WEEKDAY_LABELS[d]])} />
        <TextField form={form} name="startMinute" label="Début" placeholder="HH:MM" />
        <TextField form={form} name="endMinute" label="Fin" placeholder="HH:MM" />
      </div>
      <SelectField form={form} name="nature" label="Nature" options={SLOT_NATURES.map((n) => [n, SLOT_NATURE_LABELS[n]])} />
      <fieldset className={form.errors.pupilIds ? 'pupil-picker field-error' : 'pupil-picker'}>
        <legend>Élèves servis</legend>
        {form.values.schoolId === '' ? <p className="muted">Choisissez d’abord l’établissement.</p> : null}
        {schoolPupils.map((p) => (
          <label key={p.id} className="check">
            <input type="checkbox" checked={chosen.includes(p.id)} onChange={() => toggle(p.id)} />
            {p.firstName} {p.lastName} <span className="muted">{p.level ?? ''} · {p.currentKind === null ? 'sans notification' : p.currentKind === 'individual' ? `individuelle ${formatHours(p.currentWeeklyMinutes ?? 0)}` : 'mutualisée'}</span>
          </label>
        ))}
        {form.errors.pupilIds ? <p className="field-message" role="alert">{form.errors.pupilIds}</p> : null}
      </fieldset>
      <div className="field-row">
        <TextField form={form} name="validFrom" label="Valable du" placeholder="toujours" />
        <TextField form={form} name="validTo" label="au" placeholder="toujours" />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={form.submitting}>Enregistrer le créneau</button>
        <button type="button" onClick={close}>Annuler</button>
        {slot !== null ? <DeleteButton what="ce créneau" onConfirm={async () => { await mutate('slots.delete', { id: slot.id }, 'Créneau supprimé.'); close(); }} /> : null}
      </div>
    </form>
  );
}

export function TimetablesScreen(): ReactNode {
  const aesh = useApiData('aesh.list', {});
  const schools = useApiData('schools.list', {});
  const pupils = useApiData('pupils.list', {});
  const [aeshId, setAeshId] = useState<number | null>(null);
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<null | 'new' | Slot>(null);
  const slots = useApiData('slots.list', { aeshId: aeshId ?? 0 }, aeshId !== null);
  const schoolById = useMemo(() => new Map((schools.data ?? []).map((s) => [s.id, s])), [schools.data]);
  const pupilById = useMemo(() => new Map((pupils.data ?? []).map((p) => [p.id, p])), [pupils.data]);
  if (aesh.data === undefined) return <Loading error={aesh.error} />;
  const current = aesh.data.find((a) => a.id === aeshId);
  const candidates = aesh.data.filter((a) => matches(query, a.matricule, a.lastName, a.firstName, a.poleCode)).slice(0, 200);
  return (
    <div className="list-screen">
      <section className="list-pane">
        <ScreenHeader title="Emplois du temps">
          <SearchBox label="Rechercher un AESH" value={query} onChange={setQuery} />
          <select aria-label="AESH" value={aeshId ?? ''} onChange={(e) => { setAeshId(e.target.value === '' ? null : Number(e.target.value)); setEditing(null); }}>
            <option value="">— choisir un AESH —</option>
            {candidates.map((a) => <option key={a.id} value={a.id}>{a.lastName} {a.firstName} ({a.poleCode ?? 'sans pôle'})</option>)}
          </select>
          {current ? <button type="button" className="primary" onClick={() => setEditing('new')}>Ajouter un créneau</button> : null}
        </ScreenHeader>
        {current === undefined ? <p className="muted">Choisissez un AESH pour voir sa semaine.</p> : (
          <>
            <p className="meter" aria-label="Heures planifiées">
              Planifié : <strong>{formatHours(current.scheduledWeeklyMinutes)}</strong> par semaine
              {current.contractWeeklyMinutes !== null ? <> sur <strong>{formatHours(current.contractWeeklyMinutes)}</strong> au contrat ({current.contractKind})</> : <> — aucun contrat en cours</>}
            </p>
            <div className="week">
              {WEEKDAYS.map((day) => {
                const ofDay = (slots.data ?? []).filter((s) => s.weekday === day);
                if (day === 6 && ofDay.length === 0) return null;
                return (
                  <div key={day} className="week-day">
                    <h3>{WEEKDAY_LABELS[day]}</h3>
                    {ofDay.length === 0 ? <p className="muted">—</p> : null}
                    {ofDay.map((slot) => (
                      <button key={slot.id} type="button" className={`slot slot-${slot.nature}`} onClick={() => setEditing(slot)}>
                        <span className="slot-time">{formatHours(slot.startMinute)} – {formatHours(slot.endMinute)}</span>
                        <span>{schoolById.get(slot.schoolId)?.name ?? '?'}</span>
                        <span className="muted">{SLOT_NATURE_LABELS[slot.nature]}{slot.pupilIds.length > 0 ? ` · ${slot.pupilIds.map((id) => { const p = pupilById.get(id); return p ? `${p.firstName} ${p.lastName[0]}.` : '?'; }).join(', ')}` : ''}</span>
                        {slot.validFrom || slot.validTo ? <span className="tag">du {formatDate(slot.validFrom) || '…'} au {formatDate(slot.validTo) || '…'}</span> : null}
                      </button>
                    ))}
                  </div>
                );
              })}
            </div>
          </>
        )}
      </section>
      {editing !== null && current !== undefined ? (
        <SidePanel title={editing === 'new' ? 'Nouveau créneau' : 'Créneau'} onClose={() => setEditing(null)}>
          <SlotForm key={editing === 'new' ? 'new' : editing.id} aeshId={current.id} slot={editing === 'new' ? null : editing}
            schools={schools.data ?? []} pupils={pupils.data ?? []} close={() => setEditing(null)} />
        </SidePanel>
      ) : null}
    </div>
  );
}
