// Emplois du temps: the week grid of one AESH, one school or one pupil in a pôle. The gaps engine
// runs here, on the pôle's workspace with the slot being dragged or edited in place, so conflicts
// show while the pointer moves; every change is one change of the journal, undone and redone
// through it.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SlotOperation } from '../../../shared/api/contract.ts';
import { byFrench } from '../../../shared/domain/collate.ts';
import { addDaysIso, formatDate } from '../../../shared/domain/dates.ts';
import { WEEKDAY_LABELS, type Weekday } from '../../../shared/domain/enums.ts';
import { absenceOn, analyse } from '../../../shared/gaps/analysis.ts';
import { gapsOf } from '../../../shared/gaps/gaps.ts';
import type { EngineRecord, EngineSlot } from '../../../shared/gaps/record.ts';
import { withSlots } from '../../../shared/timetable/workspace.ts';
import { schoolWeek } from '../../../shared/gaps/week.ts';
import { useApi } from '../api.ts';
import { DateInput } from '../components/DateInput.tsx';
import { Loading, ScreenHeader } from '../components/common.tsx';
import { SidePanel } from '../components/SidePanel.tsx';
import { useUi, type EditorOpening } from '../store.ts';
import { useApiData } from '../useApiData.ts';
import { useHistory } from '../timetable/history.ts';
import { fullName, buildView, conflictsBySlot, NEW_SLOT, pupilsToServe, replacementOf, shadingOf, slotInput, slotUpdate, VIEW_LABELS, type ToServe, type View } from '../timetable/model.ts';
import { Meters } from '../timetable/Meters.tsx';
import { WeekLegend } from '../timetable/WeekLegend.tsx';
import { ReplacementPanel } from '../fixes/ReplacementPanel.tsx';
import { slotsToReplace } from '../fixes/replacement.ts';
import { SlotPanel } from '../timetable/SlotPanel.tsx';
import { WeekTools } from '../timetable/WeekTools.tsx';
import { WeekGrid, type DropTarget, type Placement } from '../timetable/WeekGrid.tsx';
import { AssistantPanel } from '../allocation/AssistantPanel.tsx';
import { ghostAesh, ghostSlots, markReplanned } from '../allocation/ghosts.ts';
import { ProposalLegend } from '../allocation/Legend.tsx';
import { useAssistant } from '../allocation/store.ts';

export function TimetablesScreen(): ReactNode {
  const api = useApi();
  const { date, setDate, notify, changed, timetable, setTimetable } = useUi();
  const history = useHistory();
  const assistant = useAssistant();
  const poles = useApiData('poles.list', {});
  const poleId = timetable.poleId ?? poles.data?.[0]?.id ?? null;
  const workspace = useApiData('timetable.workspace', { poleId: poleId ?? 0 }, poleId !== null);
  // The record as the editor last wrote it, until the workspace is read again: it restarts from
  // each new read (React's "adjusting state when a prop changes", without an extra render pass).
  const [record, setRecord] = useState<EngineRecord | null>(null);
  const [readFrom, setReadFrom] = useState<typeof workspace.data | null>(null);
  if (workspace.data !== readFrom) {
    setReadFrom(workspace.data);
    setRecord(workspace.data?.record ?? null);
  }
  const [draft, setDraft] = useState<EngineSlot | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  /** The absent AESH's slot the draft replaces for one day, while a replacement is drafted. */
  const [replacing, setReplacing] = useState<EngineSlot | null>(null);
  const [extraLanes, setExtraLanes] = useState<number[]>([]);
  /** The absent AESH whose replacements are being found ("Trouver un remplaçant"), while that panel is open. */
  const [replacementFor, setReplacementFor] = useState<number | null>(null);
  /** The school view's one day, full width with a column per AESH; null: the whole week. */
  const [oneDay, setOneDay] = useState<Weekday | null>(null);
  // What a fix sent the user here to open (store.fix): kept from the arrival until the week is
  // analysed, then opened by the render that has the week's pupils and lanes at hand.
  const [opening, setOpening] = useState<EditorOpening | null>(() => useUi.getState().opening);
  useEffect(() => void useUi.getState().takeOpening(), []);

  // The draft takes its slot's place for the engine; a new one joins once it has an AESH.
  const judged = useMemo(() => (record === null || draft === null || draft.aeshId === 0 ? record : withSlots(record, [draft])), [record, draft]);
  const analysis = useMemo(() => (judged === null ? null : analyse(judged, date)), [judged, date]);
  const gaps = useMemo(() => (analysis === null ? [] : gapsOf(analysis)), [analysis]);
  const conflicts = useMemo(() => conflictsBySlot(gaps), [gaps]);

  const step = async (direction: 'undo' | 'redo'): Promise<void> => {
    try {
      const done = await history[direction](api);
      if (done !== null) {
        setDraft(null);
        setSelected(null);
        setReplacing(null);
        changed();
        notify(`${direction === 'undo' ? 'Annulé' : 'Rétabli'} : ${done.label}`);
      }
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  };
  // Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y (⌘ on a Mac) undo and redo in the week; not while typing,
  // where they belong to the field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      if (event.target instanceof Element && event.target.closest('input, textarea, select, [contenteditable="true"]') !== null) return;
      const key = event.key.toLowerCase();
      const direction = key === 'y' || (key === 'z' && event.shiftKey) ? 'redo' : key === 'z' ? 'undo' : null;
      if (direction === null) return;
      event.preventDefault();
      void step(direction);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (poles.data === undefined) return <Loading error={poles.error} />;
  if (poleId === null) return <div className="screen"><ScreenHeader title="Emplois du temps" /><p className="muted">Créez d’abord un pôle, ses établissements et ses AESH.</p></div>;
  if (record === null || analysis === null) return <Loading error={workspace.error} />;

  const poleAesh = analysis.record.aesh.filter((a) => a.poleId === poleId).sort(byFrench((a) => a.lastName, (a) => a.firstName));
  const poleSchools = analysis.record.schools.filter((s) => s.poleId === poleId).sort(byFrench((s) => s.name));
  const polePupils = analysis.record.pupils.filter((p) => poleSchools.some((s) => s.id === p.schoolId)).sort(byFrench((p) => p.lastName, (p) => p.firstName));
  const view = timetable.view;
  const candidates = view === 'aesh' ? poleAesh : view === 'school' ? poleSchools : polePupils;
  const focusId = candidates.some((c) => c.id === timetable.focusId) ? timetable.focusId! : candidates[0]?.id ?? 0;
  const ownSchools = view === 'aesh' ? analysis.weekSlots.filter((s) => s.aeshId === focusId).map((s) => s.schoolId) : [];
  const gridSchoolId = ownSchools[0] ?? poleSchools[0]?.id ?? null;
  const week = schoolWeek(date);
  // The assistant's draft under review: its slots drawn as ghosts (with a lane for each of their
  // AESH in a school's week), the slots its re-planning ends or removes marked.
  const proposal = assistant.stage.kind === 'draft' ? assistant.stage : null;
  const model = buildView(analysis, conflicts, view, focusId, view === 'school' ? [...extraLanes, ...(proposal ? ghostAesh(proposal.proposal, focusId) : [])] : [], gridSchoolId);
  if (proposal !== null) model.slots = [...markReplanned(model.slots, proposal.proposal), ...ghostSlots(proposal.proposal, proposal.chosen, view, focusId, week)];
  // A new slot not yet given an AESH is drawn in its lane, though the engine cannot judge it yet.
  if (draft !== null && draft.id === NEW_SLOT && draft.aeshId === 0) {
    model.slots.push({ slot: draft, lane: model.lanes[0]?.key ?? '', title: 'Nouveau créneau', detail: 'choisir l’AESH', conflicts: [], absent: false });
  }
  const days = view === 'school' && oneDay !== null && model.days.includes(oneDay) ? [oneDay] : model.days;
  // A school's day shows the AESH there that day (and those added), so that each gets a readable column.
  const working = model.lanes.filter((l) => l.aeshId === null || extraLanes.includes(l.aeshId) || model.slots.some((s) => s.lane === l.key && s.slot.weekday === days[0]));
  const lanes = days.length === 1 && working.length > 0 ? working : model.lanes;
  // The absent AESH of the week shown whose slots wait for a replacement: the AESH shown, or the pupil's.
  const toReplace = view === 'aesh' ? focusId : view === 'pupil' ? analysis.weekSlots.find((s) => s.pupilIds.includes(focusId) && slotsToReplace(analysis, s.aeshId).some((r) => r.id === s.id))?.aeshId ?? null : null;
  const pole = poles.data.find((p) => p.id === poleId);
  const poleTitle = pole === undefined ? '' : `Pôle ${pole.code} — ${pole.name}`;
  const focusPupil = view === 'pupil' ? analysis.pupilById.get(focusId) : undefined;
  const focusSchools = new Set(view === 'school' ? [focusId] : poleSchools.map((s) => s.id));
  const toServe = pupilsToServe(analysis, focusSchools);

  const laneAesh = (lane: string): number => model.lanes.find((l) => l.key === lane)?.aeshId ?? (view === 'aesh' ? focusId : 0);
  const template = (placement: Placement, pupilIds: number[] = []): EngineSlot => {
    const pupil = view === 'pupil' ? analysis.pupilById.get(focusId) : undefined;
    return {
      id: NEW_SLOT, aeshId: laneAesh(placement.lane), schoolId: view === 'school' ? focusId : pupil?.schoolId ?? gridSchoolId ?? 0,
      weekday: placement.weekday, startMinute: placement.startMinute, endMinute: placement.endMinute, nature: 'accompaniment',
      pupilIds: pupil ? [pupil.id, ...pupilIds.filter((id) => id !== pupil.id)] : pupilIds, validFrom: null, validTo: null,
    };
  };
  const placed = (slot: EngineSlot, placement: Placement): EngineSlot => ({
    ...slot, weekday: placement.weekday, startMinute: placement.startMinute, endMinute: placement.endMinute,
    aeshId: view === 'school' ? laneAesh(placement.lane) : slot.aeshId,
  });
  const slotById = (id: number): EngineSlot | undefined => (draft?.id === id ? draft : record.slots.find((s) => s.id === id));

  async function apply(operations: SlotOperation[], label: string): Promise<void> {
    try {
      const done = await api('timetable.apply', { operations });
      const removed = new Set(operations.flatMap((op) => (op.kind === 'delete' ? [op.id] : [])));
      setRecord((current) => current && withSlots(current, done.slots, removed));
      history.record({ changeId: done.changeId, label });
      setDraft(null);
      changed();
      notify(label);
    } catch (error) {
      // A refused drag falls back to the slot as it was; the panel's draft stays, with the refusal on its fields.
      setDraft((current) => (current !== null && current.id === selected ? current : null));
      notify((error as Error).message, 'error');
      throw error;
    }
  }
  const quietly = (promise: Promise<void>): void => void promise.catch(() => undefined);

  const onDraft = (slotId: number | null, placement: Placement | null): void => {
    if (placement === null) return setDraft(selected === slotId ? draft : null);
    const base = slotId === null ? template(placement) : slotById(slotId);
    if (base !== undefined) setDraft(slotId === null ? base : placed(base, placement));
  };
  const onDropPupil = (pupilId: number, target: DropTarget): void => {
    if ('slotId' in target) {
      const slot = slotById(target.slotId);
      if (slot === undefined || slot.pupilIds.includes(pupilId)) return;
      quietly(apply([slotUpdate({ ...slot, pupilIds: [...slot.pupilIds, pupilId] })], 'Élève ajouté au créneau'));
      return;
    }
    const pupil = analysis.pupilById.get(pupilId);
    setDraft({ ...template(target, [pupilId]), schoolId: pupil?.schoolId ?? gridSchoolId ?? 0 });
    setSelected(NEW_SLOT);
  };
  /**
   * Opens a new slot for a pupil still to serve, at the start of their school's first open hours;
   * for a pupil losing time to an absence, a replacement of the absent AESH's slot for that day,
   * with no AESH yet (the suggestions choose; never the absent one).
   */
  const serve = ({ coverage: { pupil }, absentSlot }: ToServe): void => {
    if (absentSlot !== null) {
      setReplacing(absentSlot);
      setDraft(replacementOf(analysis, absentSlot, 0));
      setSelected(NEW_SLOT);
      return;
    }
    const grid = analysis.schoolById.get(pupil.schoolId)?.grid ?? {};
    const weekday = model.days.find((d) => (grid[d] ?? []).length > 0) ?? 1;
    const range = grid[weekday]?.[0] ?? { start: 510, end: 690 };
    const lane = model.lanes.find((l) => l.aeshId !== null)?.key ?? '';
    setDraft({ ...template({ weekday, lane, startMinute: range.start, endMinute: Math.min(range.end, range.start + 120) }, [pupil.id]), schoolId: pupil.schoolId, aeshId: view === 'aesh' ? focusId : 0 });
    setSelected(NEW_SLOT);
  };
  const panelSlot = selected === null ? undefined : selected === NEW_SLOT ? draft ?? undefined : slotById(selected);
  const closePanel = (): void => {
    setSelected(null);
    setDraft(null);
    setReplacing(null);
    setReplacementFor(null);
  };
  const findReplacement = (aeshId: number): void => {
    closePanel();
    setReplacementFor(aeshId);
  };
  if (opening !== null) {
    setOpening(null);
    switch (opening.kind) {
      case 'place': {
        // A pupil with nothing left to place this week is shown as they are, their week and meters.
        const item = toServe.find((t) => t.coverage.pupil.id === opening.pupilId);
        if (item !== undefined) serve(item);
        break;
      }
      case 'replace':
        findReplacement(opening.aeshId);
        break;
      case 'slot':
        closePanel();
        setSelected(opening.slotId);
        break;
    }
  }
  /**
   * The panel's edits. Another AESH on a slot whose AESH is absent that day drafts a replacement
   * for that day instead: giving the weekly slot away would take the pupils from the absent AESH
   * for good. Choosing the absent AESH again drops the replacement.
   */
  const editDraft = (slot: EngineSlot): void => {
    const original = record.slots.find((s) => s.id === slot.id);
    if (original !== undefined && slot.aeshId !== original.aeshId && absenceOn(analysis.absencesOf, original.aeshId, week[original.weekday]) !== undefined) {
      setReplacing(original);
      setDraft(replacementOf(analysis, slot, slot.aeshId));
      setSelected(NEW_SLOT);
    } else if (replacing !== null && slot.aeshId === replacing.aeshId) {
      setReplacing(null);
      setDraft(null);
      setSelected(replacing.id);
    } else {
      setDraft(slot);
    }
  };

  return (
    <div className="list-screen timetable-screen">
      <section className="list-pane">
        <ScreenHeader title="Emplois du temps">
          <select aria-label="Pôle" value={poleId} onChange={(e) => { setTimetable({ poleId: Number(e.target.value), focusId: null }); closePanel(); }}>
            {poles.data.map((p) => <option key={p.id} value={p.id}>{p.code} — {p.name}</option>)}
          </select>
          <span className="segmented" role="group" aria-label="Vue">
            {(Object.keys(VIEW_LABELS) as View[]).map((v) => (
              <button key={v} type="button" aria-pressed={view === v} onClick={() => { setTimetable({ view: v, focusId: null }); closePanel(); }}>{VIEW_LABELS[v]}</button>
            ))}
          </span>
          <select aria-label={VIEW_LABELS[view]} value={focusId} onChange={(e) => { setTimetable({ focusId: Number(e.target.value) }); closePanel(); }}>
            {candidates.length === 0 ? <option value={0}>— aucun —</option> : null}
            {candidates.map((c) => <option key={c.id} value={c.id}>{'name' in c ? c.name : fullName(c)}</option>)}
          </select>
        </ScreenHeader>
        <div className="toolbar">
          <button type="button" onClick={() => setDate(addDaysIso(week[1], -7))} aria-label="Semaine précédente">‹</button>
          <DateInput value={date} onChange={setDate} label={`Semaine du ${formatDate(week[1])} — date`} />
          <button type="button" onClick={() => setDate(addDaysIso(week[1], 7))} aria-label="Semaine suivante">›</button>
          <button type="button" disabled={history.done.length === 0} onClick={() => void step('undo')} title={history.done.at(-1)?.label}>↶ Annuler</button>
          <button type="button" disabled={history.undone.length === 0} onClick={() => void step('redo')} title={history.undone.at(-1)?.label}>↷ Rétablir</button>
          <WeekTools
            view={view} focusId={focusId} analysis={analysis} poleAesh={poleAesh} apply={apply}
            onNew={() => { setDraft(template({ weekday: model.days[0] ?? 1, lane: model.lanes[0]?.key ?? '', startMinute: 510, endMinute: 690 })); setSelected(NEW_SLOT); }}
            onAddLane={(id) => setExtraLanes((lanes) => [...lanes, id])}
            onReplace={findReplacement}
          />
          {toReplace !== null && slotsToReplace(analysis, toReplace).length > 0 ? (
            <button type="button" onClick={() => findReplacement(toReplace)}>Trouver un remplaçant</button>
          ) : null}
          <button type="button" onClick={() => { closePanel(); assistant.configure([poleId], poleTitle, date); }}>Proposer une répartition</button>
          {view === 'pupil' && focusPupil !== undefined ? (
            <button type="button" onClick={() => { closePanel(); assistant.ask(focusPupil.id, focusPupil.schoolId, fullName(focusPupil)); }}>Qui peut accompagner cet élève ?</button>
          ) : null}
        </div>
        {view === 'school' ? (
          <span className="segmented day-choice" role="group" aria-label="Jours affichés">
            <button type="button" aria-pressed={oneDay === null} onClick={() => setOneDay(null)}>Semaine</button>
            {model.days.map((d) => <button key={d} type="button" aria-pressed={oneDay === d} onClick={() => setOneDay(d)}>{WEEKDAY_LABELS[d]}</button>)}
          </span>
        ) : null}
        {proposal !== null ? <ProposalLegend proposal={proposal.proposal} /> : null}
        <WeekLegend slots={model.slots} />
        {model.lanes.length === 0 ? <p className="muted">Rien à afficher : choisissez un {view === 'aesh' ? 'AESH' : view === 'school' ? 'établissement' : 'élève'} du pôle.</p> : (
          <WeekGrid
            days={days} dates={week} oneDay={days.length === 1} lanes={lanes} slots={model.slots} selectedId={selected} shading={shadingOf(model.grid)}
            onDraft={onDraft}
            onCreate={(placement) => { setDraft(template(placement)); setSelected(NEW_SLOT); }}
            onChange={(id, placement) => {
              const slot = slotById(id);
              if (slot !== undefined) quietly(apply([slotUpdate(placed(slot, placement))], 'Créneau déplacé'));
            }}
            onSelect={(id) => { setDraft(null); setReplacing(null); setSelected(id); }}
            onDelete={(id) => { quietly(apply([{ kind: 'delete', id }], 'Créneau supprimé')); closePanel(); }}
            onDropPupil={onDropPupil}
          />
        )}
      </section>
      {panelSlot !== undefined ? (
        <SidePanel title={replacing !== null ? `Remplacement du ${formatDate(week[panelSlot.weekday])}` : panelSlot.id === NEW_SLOT ? 'Nouveau créneau' : `Créneau du ${formatDate(week[panelSlot.weekday])}`} onClose={closePanel}>
          <SlotPanel
            key={selected ?? 0} analysis={analysis} poleId={poleId} draft={panelSlot} replacing={replacing} conflicts={conflicts.get(panelSlot.id) ?? []}
            onDraft={editDraft}
            onSave={async (slot) => {
              await apply([slot.id === NEW_SLOT ? { kind: 'create', slot: slotInput(slot) } : slotUpdate(slot)], slot.id === NEW_SLOT ? 'Créneau créé' : 'Créneau modifié');
              closePanel();
            }}
            onDelete={async () => { await apply([{ kind: 'delete', id: panelSlot.id }], 'Créneau supprimé'); closePanel(); }}
            onPin={(label) => { assistant.pinSlot(poleId, poleTitle, date, panelSlot.id, label); closePanel(); notify(`Créneau épinglé : ${label}. Il ne bougera pas si la semaine du pôle est replanifiée.`); }}
            onClose={closePanel}
          />
        </SidePanel>
      ) : replacementFor !== null ? (
        <SidePanel title="Trouver un remplaçant" onClose={closePanel}>
          <ReplacementPanel analysis={analysis} poleId={poleId} aeshId={replacementFor} apply={apply} onClose={closePanel} />
        </SidePanel>
      ) : assistant.stage.kind !== 'closed' ? <AssistantPanel /> : (
        <Meters analysis={analysis} gaps={gaps} view={view} focusId={focusId} poleId={poleId} toServe={toServe} onServe={serve} />
      )}
    </div>
  );
}
