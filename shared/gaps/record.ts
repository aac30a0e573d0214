// What the engine reads: the whole record as plain data, loaded once by the services and then
// patched by each write (patchRecord). Pure and isomorphic, so that the same functions run in the
// main process, in a worker or in a test.
import type { Settings } from '../domain/settings.ts';
import type { IsoDate } from '../domain/dates.ts';
import type { ContractKind, NotificationKind, PoleKind, SchoolKind, SlotNature, Weekday } from '../domain/enums.ts';
import type { WeekGrid } from '../domain/grid.ts';
import { carryIndexes } from './indexes.ts';

export interface EnginePole { id: number; code: string; name: string; kind: PoleKind }
export interface EngineSchool {
  id: number; uai: string; name: string; kind: SchoolKind; poleId: number | null; commune: string | null;
  grid: WeekGrid; latitude: number | null; longitude: number | null;
}
export interface EnginePupil { id: number; identifier: string; firstName: string; lastName: string; schoolId: number; level: string | null; ulis: boolean }
export interface EngineNotification {
  id: number; pupilId: number; kind: NotificationKind; weeklyMinutes: number | null; startDate: IsoDate; endDate: IsoDate;
  /** Read by the timetable suggestions only, not by the gaps engine. */
  activities?: string | null;
}
export interface EngineAesh { id: number; matricule: string; firstName: string; lastName: string; poleId: number | null; referent: boolean;
  /** Read by the timetable suggestions only, not by the gaps engine. */
  skills?: string[];
}
// Contracts, absences and moves carry their row's id when read from the record (the services'
// cache patches them by it, patchRecord below); records built by hand may leave it out.
export interface EngineContract { id?: number; aeshId: number; kind: ContractKind; startDate: IsoDate; endDate: IsoDate | null; weeklyMinutes: number }
export interface EngineAbsence { id?: number; aeshId: number; startDate: IsoDate; endDate: IsoDate; reason: string | null }
export interface EngineSlot {
  id: number; aeshId: number; schoolId: number; weekday: Weekday; startMinute: number; endMinute: number;
  nature: SlotNature; pupilIds: number[]; validFrom: IsoDate | null; validTo: IsoDate | null;
  /** The row's version, read by the timetable editor only: its updates send it back. */
  version?: number;
}

/** From `date` on, the AESH works for `toPoleId` (before it, for `fromPoleId`). */
export interface EngineMove { id?: number; aeshId: number; fromPoleId: number | null; toPoleId: number | null; date: IsoDate }

/** Read-only: the engine memoises its date-independent indexes on this object (indexes.ts). */
export interface EngineRecord {
  readonly poles: readonly EnginePole[];
  readonly schools: readonly EngineSchool[];
  readonly pupils: readonly EnginePupil[];
  readonly notifications: readonly EngineNotification[];
  readonly aesh: readonly EngineAesh[];
  readonly contracts: readonly EngineContract[];
  readonly absences: readonly EngineAbsence[];
  readonly slots: readonly EngineSlot[];
  /** The AESH's moves between pôles, by date; the AESH's `poleId` is the pôle after the last one. */
  readonly moves: readonly EngineMove[];
  readonly settings: Settings;
}

/** The record's tables, each with the type of its rows. */
export interface EngineRows {
  poles: EnginePole; schools: EngineSchool; pupils: EnginePupil; notifications: EngineNotification;
  aesh: EngineAesh; contracts: EngineContract; absences: EngineAbsence; slots: EngineSlot; moves: EngineMove;
}
export type EngineTable = keyof EngineRows;

/** A slot as its own row holds it: its pupils are links of their own ('slotPupils' changes). */
export type EngineSlotRow = Omit<EngineSlot, 'pupilIds'>;

type RowTable = Exclude<EngineTable, 'slots'>;

/**
 * One row of the record written (`row`, as it now is) or deleted (null), or the pupils of a slot
 * replaced: what a committed write changed, in the order it changed it.
 */
export type RecordChange =
  | { [T in RowTable]: { table: T; id: number; row: EngineRows[T] | null } }[RowTable]
  | { table: 'slots'; id: number; row: EngineSlotRow | null }
  | { table: 'slotPupils'; id: number; pupilIds: readonly number[] };

type Identified = { id?: number };
// Rows read from the record all have their id (the optional ones are for records built by hand).
const idOf = (row: Identified): number => row.id!;

/** A table's rows as changed so far (by id, null when deleted) over the rows it had. */
interface Overlay<T extends Identified> {
  get(id: number): T | undefined;
  /** The row as the table had it, before any change. */
  original(id: number): T | undefined;
  set(id: number, row: T | null): void;
  /** The rows, as they now are, that `keep` selects. */
  where(keep: (row: T) => boolean): T[];
  readonly changed: ReadonlyMap<number, T | null>;
}

/**
 * Finds rows by id: by halving in rows in id order (as the services keep them), which costs
 * nothing to prepare; else (a record built by hand) through a map.
 */
function lookupOf<T extends Identified>(rows: readonly T[]): (id: number) => T | undefined {
  for (let i = 1; i < rows.length; i += 1) {
    if (idOf(rows[i - 1]!) >= idOf(rows[i]!)) {
      const byId = new Map(rows.map((row) => [idOf(row), row]));
      return (id) => byId.get(id);
    }
  }
  return (id) => {
    let low = 0;
    let high = rows.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const found = idOf(rows[middle]!);
      if (found === id) return rows[middle];
      if (found < id) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  };
}

function overlay<T extends Identified>(rows: readonly T[]): Overlay<T> {
  const changed = new Map<number, T | null>();
  let lookup: ((id: number) => T | undefined) | undefined;
  const original = (id: number): T | undefined => (lookup ??= lookupOf(rows))(id);
  return {
    get: (id) => (changed.has(id) ? changed.get(id) ?? undefined : original(id)),
    original,
    set: (id, row) => void changed.set(id, row),
    where: (keep) => [
      ...rows.filter((row) => !changed.has(idOf(row)) && keep(row)),
      ...[...changed.values()].filter((row): row is T => row !== null && keep(row)),
    ],
    changed,
  };
}

/**
 * `rows` (in id order, as the services read them) with the rows of `changed` in place: replaced,
 * left out when null, added at their id's place, so that the order is the one a fresh read gives.
 */
export function withRowsChanged<T extends Identified>(rows: readonly T[], changed: ReadonlyMap<number, T | null>): T[] {
  const present = new Set<number>();
  for (const row of rows) present.add(idOf(row));
  const added = [...changed].flatMap(([id, row]) => (row === null || present.has(id) ? [] : [row])).sort((a, b) => idOf(a) - idOf(b));
  const result: T[] = [];
  let next = 0;
  for (const row of rows) {
    const id = idOf(row);
    while (next < added.length && idOf(added[next]!) < id) result.push(added[next++]!);
    const now = changed.has(id) ? changed.get(id)! : row;
    if (now !== null) result.push(now);
  }
  while (next < added.length) result.push(added[next++]!);
  return result;
}

/**
 * The record after `changes`, sharing every table they leave alone (and the indexes built from
 * them, indexes.ts) with `record`. A row's deletion takes what the schema's ON DELETE CASCADE
 * takes with it, which the journal does not list: a pupil's notifications and places in slots;
 * an AESH's contracts, absences, slots and moves (db/migrations).
 */
export function patchRecord(record: EngineRecord, changes: readonly RecordChange[]): EngineRecord {
  const overlays: { [T in EngineTable]?: Overlay<EngineRows[T]> } = {};
  const at = <T extends EngineTable>(table: T): Overlay<EngineRows[T]> =>
    (overlays[table] ??= overlay(record[table] as readonly EngineRows[T][]) as never);
  const deleteWhere = <T extends 'notifications' | 'contracts' | 'absences' | 'slots' | 'moves'>(table: T, keep: (row: EngineRows[T]) => boolean): void => {
    const rows = at(table);
    for (const row of rows.where(keep)) rows.set(idOf(row), null);
  };
  for (const change of changes) {
    switch (change.table) {
      case 'slotPupils': {
        const slots = at('slots');
        const slot = slots.get(change.id);
        if (slot !== undefined) slots.set(change.id, { ...slot, pupilIds: [...change.pupilIds] });
        break;
      }
      case 'slots': {
        const slots = at('slots');
        // An updated slot keeps its pupils; a new one (even with the id of one deleted) has none yet.
        slots.set(change.id, change.row === null ? null : { ...change.row, pupilIds: slots.get(change.id)?.pupilIds ?? [] });
        break;
      }
      default: {
        (at(change.table) as Overlay<Identified>).set(change.id, change.row);
        if (change.row !== null) break;
        const { id } = change;
        if (change.table === 'pupils') {
          deleteWhere('notifications', (n) => n.pupilId === id);
          const slots = at('slots');
          for (const slot of slots.where((s) => s.pupilIds.includes(id))) slots.set(slot.id, { ...slot, pupilIds: slot.pupilIds.filter((p) => p !== id) });
        } else if (change.table === 'aesh') {
          for (const table of ['contracts', 'absences', 'slots', 'moves'] as const) deleteWhere(table, (row) => row.aeshId === id);
        }
      }
    }
  }
  const replaced = (Object.keys(overlays) as EngineTable[]).filter((table) => at(table).changed.size > 0);
  if (replaced.length === 0) return record;
  const next: { -readonly [K in keyof EngineRecord]: EngineRecord[K] } = { ...record };
  for (const table of replaced) (next as Record<EngineTable, unknown>)[table] = withRowsChanged(record[table] as readonly Identified[], at(table).changed);
  const slots = overlays.slots?.changed ?? new Map<number, EngineSlot | null>();
  carryIndexes(record, next, {
    before: [...slots.keys()].flatMap((id) => overlays.slots!.original(id) ?? []),
    after: [...slots.values()].filter((slot) => slot !== null),
  });
  deltas.set(next, deltaOf(record, overlays));
  return next;
}

/**
 * What a patch changed, by the pupils and AESH whose rows, notifications, slots, contracts,
 * absences or moves were written (as they were and as they are): what an analysis of the patched
 * record must compute again, the rest being as in an analysis of `from` (analysis.ts). A change
 * of a pôle or a school reaches every gap message and journey: no delta then (`whole`).
 */
export interface RecordDelta {
  /** Weak, so that a chain of patched records does not keep every older record alive. */
  from: WeakRef<EngineRecord>;
  whole: boolean;
  pupils: ReadonlySet<number>;
  aesh: ReadonlySet<number>;
}

const deltas = new WeakMap<EngineRecord, RecordDelta>();

function deltaOf(record: EngineRecord, overlays: { [T in EngineTable]?: Overlay<EngineRows[T]> }): RecordDelta {
  const pupils = new Set<number>();
  const aesh = new Set<number>();
  /** Each row changed in `table`, as it was and as it is (either may be missing). */
  const each = <T extends EngineTable>(table: T, visit: (row: EngineRows[T]) => void): void => {
    const rows = overlays[table];
    for (const [id, row] of rows?.changed ?? []) {
      const before = rows!.original(id);
      if (before !== undefined) visit(before);
      if (row !== null) visit(row);
    }
  };
  each('pupils', (p) => pupils.add(p.id));
  each('notifications', (n) => pupils.add(n.pupilId));
  each('aesh', (a) => aesh.add(a.id));
  for (const table of ['contracts', 'absences', 'moves'] as const) each(table, (row) => aesh.add(row.aeshId));
  each('slots', (s) => {
    aesh.add(s.aeshId);
    for (const id of s.pupilIds) pupils.add(id);
  });
  const whole = (overlays.poles?.changed.size ?? 0) > 0 || (overlays.schools?.changed.size ?? 0) > 0;
  return { from: new WeakRef(record), whole, pupils, aesh };
}

/**
 * What changed between `base` and `record`, `record` having been patched from `base` in one or
 * several steps; null when it was not (a record read again), when a step changed everything, or
 * when a record in between is gone.
 */
export function changesSince(record: EngineRecord, base: EngineRecord): { pupils: ReadonlySet<number>; aesh: ReadonlySet<number> } | null {
  const pupils = new Set<number>();
  const aesh = new Set<number>();
  let current = record;
  // A few writes between two analyses at most: beyond, a full pass costs less than the walk.
  for (let steps = 0; current !== base; steps += 1) {
    const delta = deltas.get(current);
    const from = delta?.from.deref();
    if (delta === undefined || delta.whole || from === undefined || steps >= 50) return null;
    for (const id of delta.pupils) pupils.add(id);
    for (const id of delta.aesh) aesh.add(id);
    current = from;
  }
  return { pupils, aesh };
}
