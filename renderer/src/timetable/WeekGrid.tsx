// The week grid: days as columns, each split into lanes (one AESH, one school's AESH, one pupil),
// time downwards in quarter-hours, school hours shaded. Drag on empty time to create, drag a slot
// to move it (across lanes too), drag its edges to resize; the same by keyboard on a focused slot,
// and each lane's header holds a button that creates a slot in it without the mouse.
// The grid only reports placements: the editor turns them into a draft the engine judges live.
import { useEffect, useRef, type DragEvent, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { formatDate, type IsoDate } from '../../../shared/domain/dates.ts';
import { countOf } from '../../../shared/domain/french.ts';
import { WEEKDAY_LABELS, type Weekday } from '../../../shared/domain/enums.ts';
import type { TimeRange } from '../../../shared/domain/grid.ts';
import { formatHours } from '../../../shared/domain/hours.ts';
import type { EngineSlot } from '../../../shared/gaps/record.ts';
import { SEVERITIES, type Gap } from '../../../shared/gaps/types.ts';

export const GRID_START = 7 * 60 + 30;
export const GRID_END = 18 * 60 + 30;
export const STEP = 15;
const PX_PER_MINUTE = 1.1;
/** A column of a lane narrower than this cannot show a slot's times: the grid scrolls sideways instead. */
const LANE_MIN_WIDTH = 96;
/** One day across the width wraps names and times onto several lines, so its columns can be narrower. */
const ONE_DAY_LANE_MIN_WIDTH = 60;
const HOURS = Array.from({ length: (GRID_END - GRID_START) / 60 + 1 }, (_, i) => GRID_START + 30 + i * 60).filter((m) => m < GRID_END);

export interface Lane { key: string; label: string; aeshId: number | null }
export interface GridSlot {
  slot: EngineSlot;
  lane: string;
  title: string;
  detail: string;
  conflicts: Gap[];
  /** The AESH is absent on that day of the week shown. */
  absent: boolean;
  /** Who replaces whom that day: "remplacé(e) par Paul R." on the absent AESH's slot, "remplace Sophie D." on the replacement. */
  replacement?: string;
  /** What the allocation assistant's draft does to it: a slot it proposes (a ghost), or one its re-planning ends or removes. */
  proposal?: ProposalMark;
}
export interface ProposalMark {
  kind: 'new' | 'ending' | 'removed';
  /** The reason of a proposed slot; when an ended slot stops. */
  note: string;
  /** A proposed slot the user has ticked for acceptance. */
  chosen: boolean;
}
/** What onSlotKey does on a slot (Enter opens it), announced by the screen readers that read aria-keyshortcuts. */
const SLOT_KEYS = 'Enter Delete ArrowUp ArrowDown ArrowLeft ArrowRight Shift+ArrowUp Shift+ArrowDown Alt+ArrowUp Alt+ArrowDown';
const PROPOSAL_TAGS: Record<ProposalMark['kind'], string> = { new: 'Proposé', ending: 'Se termine', removed: 'Retiré' };
export interface Placement { weekday: Weekday; lane: string; startMinute: number; endMinute: number }
export type DropTarget = { slotId: number } | Placement;

interface Props {
  days: readonly Weekday[];
  dates: Record<Weekday, IsoDate>;
  lanes: readonly Lane[];
  slots: readonly GridSlot[];
  /** One day shown across the whole width: names and slots wrap onto several lines rather than being cut. */
  oneDay?: boolean;
  selectedId: number | null;
  shading(weekday: Weekday): readonly TimeRange[];
  /** Live placement while dragging (null when the drag is abandoned). */
  onDraft(slotId: number | null, placement: Placement | null): void;
  onCreate(placement: Placement): void;
  onChange(slotId: number, placement: Placement): void;
  onSelect(slotId: number): void;
  onDelete(slotId: number): void;
  onDropPupil(pupilId: number, target: DropTarget): void;
}

const snap = (minute: number): number => Math.min(GRID_END, Math.max(GRID_START, Math.round(minute / STEP) * STEP));
const top = (minute: number): number => (minute - GRID_START) * PX_PER_MINUTE;

type DragMode = 'create' | 'move' | 'start' | 'end';
interface Drag {
  mode: DragMode;
  slotId: number | null;
  origin: Placement;
  grabMinute: number;
  laneElement: HTMLElement;
  current: Placement;
}

/** A slot's place across its lane: column `column` of `of` equal columns. */
interface Column { column: number; of: number }

/**
 * Overlapping slots side by side, as calendars draw them: slots that overlap, directly or through
 * another, form a group that shares the lane's width; each takes the leftmost column free at its
 * start. A slot dropped onto another one is thus never hidden beneath it.
 */
export function columnsOf(items: readonly GridSlot[]): Map<GridSlot, Column> {
  const placed = new Map<GridSlot, Column>();
  const sorted = items.toSorted((a, b) => a.slot.startMinute - b.slot.startMinute || b.slot.endMinute - a.slot.endMinute);
  let group: GridSlot[] = [];
  let columnEnds: number[] = [];
  const close = (): void => {
    for (const item of group) placed.set(item, { column: placed.get(item)!.column, of: columnEnds.length });
    group = [];
    columnEnds = [];
  };
  for (const item of sorted) {
    const { startMinute, endMinute } = item.slot;
    if (group.length > 0 && columnEnds.every((end) => end <= startMinute)) close();
    const free = columnEnds.findIndex((end) => end <= startMinute);
    const column = free === -1 ? columnEnds.length : free;
    columnEnds[column] = endMinute;
    placed.set(item, { column, of: 0 });
    group.push(item);
  }
  close();
  return placed;
}

function worst(conflicts: readonly Gap[]): Gap['severity'] | null {
  for (const severity of SEVERITIES) if (conflicts.some((c) => c.severity === severity)) return severity;
  return null;
}

export function WeekGrid(props: Props): ReactNode {
  const { days, dates, lanes, slots, selectedId } = props;
  const laneElements = useRef(new Map<string, HTMLElement>());
  const drag = useRef<Drag | null>(null);
  // A slot moved to another day by keyboard is drawn anew in that day's lane once the move is
  // written; focus follows it there, so that the arrows keep moving it.
  const refocus = useRef<{ slotId: number; weekday: Weekday } | null>(null);
  useEffect(() => {
    const wanted = refocus.current;
    if (wanted === null) return;
    const cell = [...laneElements.current]
      .filter(([key]) => key.startsWith(`${wanted.weekday}|`))
      .map(([, lane]) => lane.querySelector<HTMLElement>(`[data-slot-id="${wanted.slotId}"]`))
      .find((found) => found !== null);
    if (cell === undefined) return;
    refocus.current = null;
    cell.focus();
  });

  const minuteAt = (element: HTMLElement, clientY: number): number => GRID_START + (clientY - element.getBoundingClientRect().top) / PX_PER_MINUTE;
  /** The day and lane under the pointer; the drag's own lane where none is (or nothing is laid out). */
  const laneAt = (clientX: number, fallback: Placement): Pick<Placement, 'weekday' | 'lane'> => {
    for (const [key, element] of laneElements.current) {
      const rect = element.getBoundingClientRect();
      if (rect.width > 0 && clientX >= rect.left && clientX < rect.right) {
        const [weekday, lane] = key.split('|') as [string, string];
        return { weekday: Number(weekday) as Weekday, lane };
      }
    }
    return { weekday: fallback.weekday, lane: fallback.lane };
  };

  const placementFor = (d: Drag, clientX: number, clientY: number): Placement => {
    const minute = minuteAt(d.laneElement, clientY);
    const { origin } = d;
    switch (d.mode) {
      case 'create': {
        const a = snap(d.grabMinute);
        const b = snap(minute);
        return { ...origin, startMinute: Math.min(a, b), endMinute: Math.max(Math.max(a, b), Math.min(a, b) + STEP) };
      }
      case 'move': {
        const length = origin.endMinute - origin.startMinute;
        const start = Math.min(GRID_END - length, snap(origin.startMinute + minute - d.grabMinute));
        return { ...laneAt(clientX, origin), startMinute: start, endMinute: start + length };
      }
      case 'start':
        return { ...origin, startMinute: Math.min(snap(minute), origin.endMinute - STEP) };
      case 'end':
        return { ...origin, endMinute: Math.max(snap(minute), origin.startMinute + STEP) };
    }
  };

  const begin = (d: Drag): void => {
    drag.current = d;
    const move = (event: globalThis.MouseEvent): void => {
      const placement = placementFor(d, event.clientX, event.clientY);
      if (JSON.stringify(placement) === JSON.stringify(d.current)) return;
      d.current = placement;
      props.onDraft(d.slotId, placement);
    };
    const up = (): void => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
      drag.current = null;
      const changed = JSON.stringify(d.current) !== JSON.stringify(d.origin);
      if (d.mode === 'create') props.onCreate(d.current);
      else if (d.slotId !== null && changed) props.onChange(d.slotId, d.current);
      else if (d.slotId !== null) {
        props.onDraft(d.slotId, null);
        props.onSelect(d.slotId);
      }
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  };

  const startCreate = (event: MouseEvent<HTMLElement>, weekday: Weekday, lane: string): void => {
    if (event.button !== 0 || event.target !== event.currentTarget) return;
    event.preventDefault();
    const minute = minuteAt(event.currentTarget, event.clientY);
    const origin = { weekday, lane, startMinute: snap(minute), endMinute: snap(minute) + STEP };
    begin({ mode: 'create', slotId: null, origin, grabMinute: minute, laneElement: event.currentTarget, current: origin });
    props.onDraft(null, origin);
  };

  const startSlotDrag = (event: MouseEvent<HTMLElement>, item: GridSlot): void => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    const laneElement = laneElements.current.get(`${item.slot.weekday}|${item.lane}`)!;
    const handle = (event.target as HTMLElement).dataset.handle;
    const mode: DragMode = handle === 'start' || handle === 'end' ? handle : 'move';
    const origin = { weekday: item.slot.weekday, lane: item.lane, startMinute: item.slot.startMinute, endMinute: item.slot.endMinute };
    begin({ mode, slotId: item.slot.id, origin, grabMinute: minuteAt(laneElement, event.clientY), laneElement, current: origin });
  };

  const onSlotKey = (event: KeyboardEvent<HTMLElement>, item: GridSlot): void => {
    const { slot } = item;
    const at: Placement = { weekday: slot.weekday, lane: item.lane, startMinute: slot.startMinute, endMinute: slot.endMinute };
    const dayIndex = days.indexOf(slot.weekday);
    let next: Placement | null = null;
    const shift = event.key === 'ArrowUp' ? -STEP : event.key === 'ArrowDown' ? STEP : 0;
    if (shift !== 0 && event.shiftKey) next = { ...at, endMinute: Math.max(at.startMinute + STEP, Math.min(GRID_END, at.endMinute + shift)) };
    else if (shift !== 0 && event.altKey) next = { ...at, startMinute: Math.min(at.endMinute - STEP, Math.max(GRID_START, at.startMinute + shift)) };
    else if (shift !== 0 && at.startMinute + shift >= GRID_START && at.endMinute + shift <= GRID_END) next = { ...at, startMinute: at.startMinute + shift, endMinute: at.endMinute + shift };
    else if (event.key === 'ArrowLeft' && dayIndex > 0) next = { ...at, weekday: days[dayIndex - 1]! };
    else if (event.key === 'ArrowRight' && dayIndex < days.length - 1) next = { ...at, weekday: days[dayIndex + 1]! };
    else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      props.onDelete(slot.id);
      return;
    }
    if (next === null) return;
    event.preventDefault();
    refocus.current = { slotId: slot.id, weekday: next.weekday };
    props.onChange(slot.id, next);
  };

  /** A slot created from the keyboard: the day's first open hours, or the morning where nothing is open; the panel adjusts it. */
  const keyboardPlacement = (weekday: Weekday, lane: string): Placement => {
    const open = props.shading(weekday)[0];
    if (open === undefined) return { weekday, lane, startMinute: 8 * 60 + 30, endMinute: 11 * 60 + 30 };
    return { weekday, lane, startMinute: Math.max(GRID_START, open.start), endMinute: Math.min(GRID_END, open.end) };
  };

  const dropOn = (event: DragEvent<HTMLElement>, target: (minute: number) => DropTarget): void => {
    const pupilId = Number(event.dataTransfer.getData('application/x-planif-pupil'));
    if (!pupilId) return;
    event.preventDefault();
    event.stopPropagation();
    props.onDropPupil(pupilId, target(minuteAt(event.currentTarget, event.clientY)));
  };
  // Each day and lane's slots, in columns where they overlap; a day widens with its most divided lane.
  const layout = new Map(days.flatMap((weekday) => lanes.map((lane) => [
    `${weekday}|${lane.key}`, columnsOf(slots.filter((item) => item.slot.weekday === weekday && item.lane === lane.key)),
  ] as const)));
  const widest = (weekday: Weekday): number => Math.max(1, ...lanes.flatMap((lane) => [...layout.get(`${weekday}|${lane.key}`)!.values()].map((c) => c.of)));

  const acceptPupil = (event: DragEvent<HTMLElement>): void => {
    if (event.dataTransfer.types.includes('application/x-planif-pupil')) event.preventDefault();
  };

  return (
    <div className={props.oneDay ? 'grid grid-one-day' : 'grid'} role="grid" aria-label="Semaine" style={{ ['--grid-height' as string]: `${top(GRID_END)}px` }}>
      <div className="grid-axis" aria-hidden>
        <div className="grid-head" />
        <div className="grid-body">
          {HOURS.map((m) => <span key={m} style={{ top: top(m) }}>{formatHours(m)}</span>)}
        </div>
      </div>
      {days.map((weekday) => (
        <div key={weekday} className="grid-day" role="rowgroup" aria-label={`${WEEKDAY_LABELS[weekday]} ${formatDate(dates[weekday])}`} style={{ minWidth: Math.max(150, lanes.length * widest(weekday) * (props.oneDay ? ONE_DAY_LANE_MIN_WIDTH : LANE_MIN_WIDTH)) }}>
          <div className="grid-head">
            <strong>{WEEKDAY_LABELS[weekday]}</strong> <span className="muted">{formatDate(dates[weekday]).slice(0, 5)}</span>
            {lanes.length > 1 ? <div className="grid-lane-heads">{lanes.map((l) => <span key={l.key} title={l.label}>{l.label}</span>)}</div> : null}
          </div>
          <div className="grid-lanes">
            {lanes.map((lane) => (
              <div
                key={lane.key}
                className="grid-lane grid-body"
                role="row"
                data-testid={`lane-${weekday}-${lane.key}`}
                aria-label={`${WEEKDAY_LABELS[weekday]} — ${lane.label}`}
                ref={(element) => { if (element) laneElements.current.set(`${weekday}|${lane.key}`, element); else laneElements.current.delete(`${weekday}|${lane.key}`); }}
                onMouseDown={(event) => startCreate(event, weekday, lane.key)}
                onDragOver={acceptPupil}
                onDrop={(event) => dropOn(event, (minute) => ({ weekday, lane: lane.key, startMinute: snap(minute), endMinute: Math.min(GRID_END, snap(minute) + 60) }))}
              >
                {/* The keyboard's way to create in this lane (the mouse drags instead): shown while focused only. */}
                <div role="rowheader" className="grid-new">
                  <button type="button" aria-label={`Nouveau créneau, ${WEEKDAY_LABELS[weekday]} — ${lane.label}`} onClick={() => props.onCreate(keyboardPlacement(weekday, lane.key))}>+ Nouveau créneau</button>
                </div>
                {props.shading(weekday).map((range) => (
                  <div key={range.start} className="grid-open" style={{ top: top(Math.max(GRID_START, range.start)), height: (Math.min(GRID_END, range.end) - Math.max(GRID_START, range.start)) * PX_PER_MINUTE }} />
                ))}
                {[...layout.get(`${weekday}|${lane.key}`)!].map(([item, { column, of }]) => {
                  const severity = worst(item.conflicts);
                  const mark = item.proposal;
                  // A proposed slot is not in the record yet: it is read (its reason on hover and
                  // focus), never dragged, edited or dropped on, until the draft is accepted.
                  const ghost = mark?.kind === 'new';
                  const classes = [
                    'grid-slot', `slot-${item.slot.nature}`, severity ? `conflict-${severity}` : '', item.absent ? 'slot-absent' : '', item.replacement !== undefined && !item.absent ? 'slot-replacement' : '', item.slot.id === selectedId ? 'selected' : '',
                    item.slot.id < 0 && mark === undefined ? 'slot-draft' : '', mark ? `slot-${mark.kind}` : '', ghost && !mark.chosen ? 'slot-unchosen' : '',
                  ];
                  const when = `${formatHours(item.slot.startMinute)} – ${formatHours(item.slot.endMinute)}`;
                  const marked = mark === undefined ? '' : `, ${PROPOSAL_TAGS[mark.kind].toLowerCase()}${ghost ? (mark.chosen ? '' : ' (non retenu)') : ` (${mark.note})`}`;
                  const noteId = `slot-note-${weekday}-${lane.key}-${item.slot.id}`;
                  return (
                    <div
                      key={item.slot.id}
                      data-slot-id={item.slot.id}
                      role="gridcell"
                      tabIndex={0}
                      className={classes.filter(Boolean).join(' ')}
                      style={{ top: top(item.slot.startMinute), height: (item.slot.endMinute - item.slot.startMinute) * PX_PER_MINUTE, left: `calc(${(100 * column) / of}% + 3px)`, width: `calc(${100 / of}% - 6px)` }}
                      aria-label={`${when}, ${item.title}${item.absent ? ', AESH absent(e)' : ''}${item.replacement !== undefined ? `, ${item.replacement}` : ''}${item.conflicts.length > 0 ? `, ${countOf(item.conflicts.length, 'conflit')}` : ''}${marked}`}
                      aria-describedby={ghost ? noteId : undefined}
                      aria-selected={item.slot.id === selectedId}
                      aria-keyshortcuts={ghost ? undefined : SLOT_KEYS}
                      title={ghost ? undefined : item.conflicts.map((c) => `• ${c.message}`).join('\n') || undefined}
                      onMouseDown={(event) => (ghost ? event.stopPropagation() : startSlotDrag(event, item))}
                      onKeyDown={ghost ? undefined : (event) => (event.key === 'Enter' ? props.onSelect(item.slot.id) : onSlotKey(event, item))}
                      onDragOver={ghost ? undefined : acceptPupil}
                      onDrop={ghost ? undefined : (event) => dropOn(event, () => ({ slotId: item.slot.id }))}
                    >
                      {ghost ? null : <span className="handle handle-start" data-handle="start" aria-hidden />}
                      <span className="slot-time">{when}</span>
                      <span className="slot-title">{item.title}</span>
                      <span className="slot-detail">{item.detail}</span>
                      {item.replacement !== undefined ? <span className="slot-replaces">{item.replacement}</span> : null}
                      {item.conflicts.length > 0 ? <span className={`slot-badge badge-${severity}`} aria-hidden>⚠ {item.conflicts.length}</span> : null}
                      {mark ? <span className="slot-mark" aria-hidden>{PROPOSAL_TAGS[mark.kind]}</span> : null}
                      {ghost ? <span className="slot-reason" id={noteId} role="tooltip">{mark.note}</span> : null}
                      {ghost ? null : <span className="handle handle-end" data-handle="end" aria-hidden />}
                    </div>
                  );
                })}
              </div>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
