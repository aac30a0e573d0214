// Gaps, indicators and snapshots. The whole record is read once, then patched from the rows each
// write changed (the revision counter says which record is current), so that recomputing after an
// edit, for another date or another screen costs only the pure engine's time.
import type { Kysely } from 'kysely';
import type { ApiHandlers, Snapshot } from '../../shared/api/contract.ts';
import { formatDate, todayIso, type IsoDate } from '../../shared/domain/dates.ts';
import { countOf } from '../../shared/domain/french.ts';
import type { ContractKind, NotificationKind, PoleKind, SchoolKind, SlotNature, Weekday } from '../../shared/domain/enums.ts';
import type { WeekGrid } from '../../shared/domain/grid.ts';
import { analyse, type Analysis } from '../../shared/gaps/analysis.ts';
import { gapsOf } from '../../shared/gaps/gaps.ts';
import { indicatorsOf, type Indicators } from '../../shared/gaps/indicators.ts';
import {
  changesSince, patchRecord, type EngineAbsence, type EngineAesh, type EngineContract, type EngineMove, type EngineNotification, type EnginePole,
  type EnginePupil, type EngineRecord, type EngineSchool, type EngineSlotRow, type RecordChange,
} from '../../shared/gaps/record.ts';
import type { Db } from '../../db/connection.ts';
import type { Row } from '../../db/schema.ts';
import { onCommit, write, type ServiceContext } from './context.ts';
import type { JobControl } from './jobs.ts';
import { journal } from './journal.ts';
import { findRow, type AnyRow, type RowChanges } from './rows.ts';
import { getSettings } from './settings.ts';

type AnalysisHandlers = Pick<
  ApiHandlers,
  'gaps.list' | 'indicators.get' | 'snapshots.list' | 'snapshots.get' | 'snapshots.create' | 'snapshots.delete'
>;

/** How the engine reads each table: the columns, and each row (as the services see it) made an engine row. */
const READERS = {
  poles: { from: 'poles', columns: ['id', 'code', 'name', 'kind'], toEngine: (r: Row<'poles'>): EnginePole => ({ id: r.id, code: r.code, name: r.name, kind: r.kind as PoleKind }) },
  schools: {
    from: 'schools', columns: ['id', 'uai', 'name', 'kind', 'poleId', 'commune', 'gridJson', 'latitude', 'longitude'],
    toEngine: (r: Row<'schools'>): EngineSchool => ({
      id: r.id, uai: r.uai, name: r.name, kind: r.kind as SchoolKind, poleId: r.poleId, commune: r.commune,
      grid: JSON.parse(r.gridJson) as WeekGrid, latitude: r.latitude, longitude: r.longitude,
    }),
  },
  pupils: {
    from: 'pupils', columns: ['id', 'identifier', 'firstName', 'lastName', 'schoolId', 'level', 'ulis'],
    toEngine: (r: Row<'pupils'>): EnginePupil => ({
      id: r.id, identifier: r.identifier, firstName: r.firstName, lastName: r.lastName, schoolId: r.schoolId, level: r.level, ulis: r.ulis === 1,
    }),
  },
  notifications: {
    from: 'notifications', columns: ['id', 'pupilId', 'kind', 'weeklyMinutes', 'startDate', 'endDate', 'activities'],
    toEngine: (r: Row<'notifications'>): EngineNotification => ({
      id: r.id, pupilId: r.pupilId, kind: r.kind as NotificationKind, weeklyMinutes: r.weeklyMinutes, startDate: r.startDate, endDate: r.endDate, activities: r.activities,
    }),
  },
  aesh: {
    from: 'aesh', columns: ['id', 'matricule', 'firstName', 'lastName', 'poleId', 'referent', 'skills'],
    toEngine: (r: Row<'aesh'>): EngineAesh => ({
      id: r.id, matricule: r.matricule, firstName: r.firstName, lastName: r.lastName, poleId: r.poleId, referent: r.referent === 1, skills: JSON.parse(r.skills) as string[],
    }),
  },
  contracts: {
    from: 'contracts', columns: ['id', 'aeshId', 'kind', 'startDate', 'endDate', 'weeklyMinutes'],
    toEngine: (r: Row<'contracts'>): EngineContract => ({
      id: r.id, aeshId: r.aeshId, kind: r.kind as ContractKind, startDate: r.startDate, endDate: r.endDate, weeklyMinutes: r.weeklyMinutes,
    }),
  },
  absences: {
    from: 'absences', columns: ['id', 'aeshId', 'startDate', 'endDate', 'reason'],
    toEngine: (r: Row<'absences'>): EngineAbsence => ({ id: r.id, aeshId: r.aeshId, startDate: r.startDate, endDate: r.endDate, reason: r.reason }),
  },
  // Every column: the timetable editor sends a slot's version back with its updates.
  slots: { from: 'slots', columns: null, toEngine: (r: Row<'slots'>): EngineSlotRow => ({ ...r, weekday: r.weekday as Weekday, nature: r.nature as SlotNature }) },
  moves: {
    from: 'aeshMoves', columns: ['id', 'aeshId', 'fromPoleId', 'toPoleId', 'date'],
    toEngine: (r: Row<'aeshMoves'>): EngineMove => ({ id: r.id, aeshId: r.aeshId, fromPoleId: r.fromPoleId, toPoleId: r.toPoleId, date: r.date }),
  },
} as const;

type Readers = typeof READERS;
type ReadTable = keyof Readers;
const TABLE_OF = new Map<string, ReadTable>(Object.entries(READERS).map(([table, { from }]) => [from, table as ReadTable]));

async function readTable<T extends ReadTable>(db: Db, table: T): Promise<ReturnType<Readers[T]['toEngine']>[]> {
  const { from, columns, toEngine } = READERS[table];
  const query = (db as unknown as Kysely<Record<string, AnyRow>>).selectFrom(from);
  // In id order: a record patched after a write (patchRecord) keeps that order, so it equals a fresh read.
  const rows = columns === null ? await query.selectAll().orderBy('id').execute() : await query.select(columns as never).orderBy('id').execute();
  return (rows as AnyRow[]).map(toEngine as (row: AnyRow) => ReturnType<Readers[T]['toEngine']>);
}

export async function loadEngineRecord(ctx: Pick<ServiceContext, 'db' | 'now'>): Promise<EngineRecord> {
  const { db } = ctx;
  const [poles, schools, pupils, notifications, aesh, contracts, absences, slots, links, moves, settings] = await Promise.all([
    readTable(db, 'poles'), readTable(db, 'schools'), readTable(db, 'pupils'), readTable(db, 'notifications'), readTable(db, 'aesh'),
    readTable(db, 'contracts'), readTable(db, 'absences'), readTable(db, 'slots'),
    db.selectFrom('slotPupils').selectAll().orderBy('slotId').orderBy('pupilId').execute(),
    readTable(db, 'moves'),
    getSettings(ctx),
  ]);
  const pupilsOf = new Map<number, number[]>();
  for (const link of links) {
    const list = pupilsOf.get(link.slotId);
    if (list === undefined) pupilsOf.set(link.slotId, [link.pupilId]);
    else list.push(link.pupilId);
  }
  return {
    poles, schools, pupils, notifications, aesh, contracts, absences, moves, settings,
    slots: slots.map((s) => ({ ...s, pupilIds: pupilsOf.get(s.id) ?? [] })),
  };
}

// Entities journaled outside the row helpers that the engine does not read: their changes leave the
// cached record as it is. Any other (a bulk load, the settings) makes it read again.
const UNREAD = new Set(['snapshots', 'packageBaselines']);

/** The changes of a write as changes of the engine's record; null when they are not all known. */
function recordChanges({ rows, others }: RowChanges): RecordChange[] | null {
  if (others.some((entity) => !UNREAD.has(entity))) return null;
  const changes: RecordChange[] = [];
  for (const change of rows) {
    if (change.table === 'slotPupils') {
      changes.push(change);
      continue;
    }
    const table = TABLE_OF.get(change.table);
    if (table === undefined) continue;
    const row = change.after === null ? null : (READERS[table].toEngine as (row: AnyRow) => unknown)(change.after);
    changes.push({ table, id: change.id, row } as RecordChange);
  }
  return changes;
}

/** The record as the engine reads it, read once, then patched by every write (see onCommit). */
export interface RecordCache {
  get(): Promise<EngineRecord>;
}

export function recordCache(ctx: ServiceContext): RecordCache {
  let cached: { revision: number; record: Promise<EngineRecord> } | null = null;
  const keep = (revision: number, record: Promise<EngineRecord>): Promise<EngineRecord> => {
    cached = { revision, record };
    // A read or a patch that failed is not kept: the next call reads the record again.
    record.catch(() => {
      if (cached?.record === record) cached = null;
    });
    return record;
  };
  onCommit(ctx, (changes, revision) => {
    const patch = recordChanges(changes);
    // Patched only from the revision just before this write (a read still under way included: a
    // patch applied twice changes nothing); any other record is read again when asked.
    if (cached === null || cached.revision !== revision - 1 || patch === null) cached = null;
    else void keep(revision, cached.record.then((record) => patchRecord(record, patch)));
  });
  return {
    // One read for every caller that asks meanwhile (the screens ask together at start).
    get: () => (cached !== null && cached.revision === ctx.revision.value ? cached.record : keep(ctx.revision.value, loadEngineRecord(ctx))),
  };
}

/** The analysis of a date (today by default), kept for the record's revision. */
export type AnalysisOn = (date: IsoDate | undefined) => Promise<Analysis>;

/** Dates whose analysis is kept: the screens' date, the dashboard's comparisons, a few more. */
const ANALYSES_KEPT = 8;

/**
 * The last analysis of each date, least recently used first (a Map keeps insertion order). One of
 * an older revision is the base of the next one of its date: the engine computes again only the
 * pupils and AESH the writes since have touched (shared/gaps/analysis.ts), with the same result
 * as a full pass.
 */
export function analysisCache(ctx: ServiceContext, records: RecordCache): AnalysisOn {
  const kept = new Map<IsoDate, Analysis>();
  return async (date) => {
    const on = date ?? todayIso(ctx.now());
    const record = await records.get();
    let analysis = kept.get(on);
    if (analysis?.record !== record) {
      const changes = analysis === undefined ? null : changesSince(record, analysis.record);
      analysis = analyse(record, on, changes === null ? undefined : { analysis: analysis!, ...changes });
    }
    kept.delete(on);
    if (kept.size >= ANALYSES_KEPT) kept.delete(kept.keys().next().value!);
    kept.set(on, analysis);
    return analysis;
  };
}

const SNAPSHOT_STEPS = 3;

/**
 * Saves the indicators of `date` as a snapshot (relevé), in three steps that a job reports: the
 * analysis, the figures of every pôle, the write. A cancel before the write leaves no snapshot.
 */
export async function saveSnapshot(ctx: ServiceContext, analysisOn: AnalysisOn, { date, label }: { date: IsoDate; label: string }, control?: JobControl): Promise<Snapshot> {
  control?.progress(0, SNAPSHOT_STEPS, `Analyse de la situation au ${formatDate(date)}`);
  const analysis = await analysisOn(date);
  control?.signal.throwIfAborted();
  control?.progress(1, SNAPSHOT_STEPS, `Chiffres de ${countOf(analysis.record.poles.length, 'pôle')}`);
  const indicators = indicatorsOf(analysis);
  control?.signal.throwIfAborted();
  control?.progress(2, SNAPSHOT_STEPS, 'Enregistrement du relevé');
  const createdAt = ctx.now().toISOString();
  return write(ctx, async (trx) => {
    // Last look at the signal before the row is written: past it, the snapshot is saved.
    control?.signal.throwIfAborted();
    control?.committed();
    const row = await trx.insertInto('snapshots').values({ date, label, createdAt, indicatorsJson: JSON.stringify(indicators) }).returning('id').executeTakeFirstOrThrow();
    await journal(trx, ctx, 'create', 'snapshots', row.id, null, { date, label, pupils: indicators.total.pupils });
    return { id: row.id, date, label, createdAt, indicators };
  });
}

export function analysisHandlers(ctx: ServiceContext, analysisOn: AnalysisOn): AnalysisHandlers {
  return {
    'gaps.list': async ({ date }) => gapsOf(await analysisOn(date)),
    'indicators.get': async ({ date }) => indicatorsOf(await analysisOn(date)),
    'snapshots.list': async () => {
      const rows = await ctx.db.selectFrom('snapshots').select(['id', 'date', 'label', 'createdAt', 'indicatorsJson']).orderBy('date').execute();
      return rows.map(({ indicatorsJson, ...row }) => {
        const { total, poles } = JSON.parse(indicatorsJson) as Indicators;
        return { ...row, pupils: total.pupils, poles: poles.map(({ poleId, poleCode, pupils }) => ({ poleId, poleCode, pupils })) };
      });
    },
    'snapshots.get': async ({ id }) => {
      const row = await findRow(ctx.db, 'snapshots', id, 'Relevé');
      return { id: row.id, date: row.date as string, label: row.label as string, createdAt: row.createdAt as string, indicators: JSON.parse(row.indicatorsJson as string) as Indicators };
    },
    'snapshots.create': (input) => saveSnapshot(ctx, analysisOn, input),
    'snapshots.delete': ({ id }) =>
      write(ctx, async (trx) => {
        const before = await findRow(trx, 'snapshots', id, 'Relevé');
        await trx.deleteFrom('snapshots').where('id', '=', id).execute();
        await journal(trx, ctx, 'delete', 'snapshots', id, { date: before.date, label: before.label }, null);
      }),
  };
}
