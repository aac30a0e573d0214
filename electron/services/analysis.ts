// Gaps, indicators and snapshots. The whole record is read once and kept until the next write
// (the revision counter says when), so that recomputing for another date or another screen costs
// only the pure engine's time.
import type { ApiHandlers } from '../../shared/api/contract.ts';
import { todayIso, type IsoDate } from '../../shared/domain/dates.ts';
import type { ContractKind, NotificationKind, PoleKind, SchoolKind, SlotNature, Weekday } from '../../shared/domain/enums.ts';
import type { WeekGrid } from '../../shared/domain/grid.ts';
import { analyse, type Analysis } from '../../shared/gaps/analysis.ts';
import { gapsOf } from '../../shared/gaps/gaps.ts';
import { indicatorsOf, type Indicators } from '../../shared/gaps/indicators.ts';
import type { EngineRecord, EngineSlot } from '../../shared/gaps/record.ts';
import { withSlots } from '../../shared/timetable/workspace.ts';
import { write, type ServiceContext } from './context.ts';
import { journal } from './journal.ts';
import { findRow } from './rows.ts';
import { getSettings } from './settings.ts';

type AnalysisHandlers = Pick<
  ApiHandlers,
  'gaps.list' | 'indicators.get' | 'snapshots.list' | 'snapshots.get' | 'snapshots.create' | 'snapshots.delete'
>;

export async function loadEngineRecord(ctx: Pick<ServiceContext, 'db' | 'now'>): Promise<EngineRecord> {
  const { db } = ctx;
  const [poles, schools, pupils, notifications, aesh, contracts, absences, slots, links, moves, settings] = await Promise.all([
    db.selectFrom('poles').select(['id', 'code', 'name', 'kind']).execute(),
    db.selectFrom('schools').select(['id', 'uai', 'name', 'kind', 'poleId', 'commune', 'gridJson', 'latitude', 'longitude']).execute(),
    db.selectFrom('pupils').select(['id', 'identifier', 'firstName', 'lastName', 'schoolId', 'level', 'ulis']).execute(),
    db.selectFrom('notifications').select(['id', 'pupilId', 'kind', 'weeklyMinutes', 'startDate', 'endDate', 'activities']).execute(),
    db.selectFrom('aesh').select(['id', 'matricule', 'firstName', 'lastName', 'poleId', 'referent', 'skills']).execute(),
    db.selectFrom('contracts').select(['aeshId', 'kind', 'startDate', 'endDate', 'weeklyMinutes']).execute(),
    db.selectFrom('absences').select(['aeshId', 'startDate', 'endDate', 'reason']).execute(),
    db.selectFrom('slots').selectAll().execute(),
    db.selectFrom('slotPupils').selectAll().execute(),
    db.selectFrom('aeshMoves').select(['aeshId', 'fromPoleId', 'toPoleId', 'date']).execute(),
    getSettings(ctx),
  ]);
  const pupilsOf = new Map<number, number[]>();
  for (const link of links) {
    const list = pupilsOf.get(link.slotId);
    if (list === undefined) pupilsOf.set(link.slotId, [link.pupilId]);
    else list.push(link.pupilId);
  }
  return {
    poles: poles.map((p) => ({ ...p, kind: p.kind as PoleKind })),
    schools: schools.map(({ gridJson, ...s }) => ({ ...s, kind: s.kind as SchoolKind, grid: JSON.parse(gridJson) as WeekGrid })),
    pupils: pupils.map((p) => ({ ...p, ulis: p.ulis === 1 })),
    notifications: notifications.map((n) => ({ ...n, kind: n.kind as NotificationKind })),
    aesh: aesh.map((a) => ({ ...a, referent: a.referent === 1, skills: JSON.parse(a.skills) as string[] })),
    contracts: contracts.map((c) => ({ ...c, kind: c.kind as ContractKind })),
    absences,
    slots: slots.map((s) => ({ ...s, weekday: s.weekday as Weekday, nature: s.nature as SlotNature, pupilIds: pupilsOf.get(s.id) ?? [] })),
    moves,
    settings,
  };
}

/** The record as the engine reads it, loaded once and kept until the next write. */
export interface RecordCache {
  get(): Promise<EngineRecord>;
  /**
   * After a write that changed only these slots (the timetable editor's), patches the cached
   * record instead of reading the whole record again: the editor reopens its week at once.
   * `revision` is the revision the write started from; any other write in between reloads.
   */
  patchSlots(revision: number, slots: readonly EngineSlot[], removed: ReadonlySet<number>): void;
}

export function recordCache(ctx: ServiceContext): RecordCache {
  let cached: { revision: number; record: EngineRecord } | null = null;
  return {
    get: async () => {
      if (cached === null || cached.revision !== ctx.revision.value) {
        const revision = ctx.revision.value;
        cached = { revision, record: await loadEngineRecord(ctx) };
      }
      return cached.record;
    },
    patchSlots: (revision, slots, removed) => {
      if (cached?.revision === revision && ctx.revision.value === revision + 1) {
        cached = { revision: ctx.revision.value, record: withSlots(cached.record, slots, removed) };
      }
    },
  };
}

/** The analysis of a date (today by default), kept until the record or the date changes. */
export type AnalysisOn = (date: IsoDate | undefined) => Promise<Analysis>;

export function analysisCache(ctx: ServiceContext, records: RecordCache): AnalysisOn {
  let cached: { record: EngineRecord; date: IsoDate; analysis: Analysis } | null = null;
  return async (date) => {
    const on = date ?? todayIso(ctx.now());
    const record = await records.get();
    if (cached === null || cached.record !== record || cached.date !== on) cached = { record, date: on, analysis: analyse(record, on) };
    return cached.analysis;
  };
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
    'snapshots.create': async ({ date, label }) => {
      const indicators = indicatorsOf(await analysisOn(date));
      const createdAt = ctx.now().toISOString();
      return write(ctx, async (trx) => {
        const row = await trx.insertInto('snapshots').values({ date, label, createdAt, indicatorsJson: JSON.stringify(indicators) }).returning('id').executeTakeFirstOrThrow();
        await journal(trx, ctx, 'create', 'snapshots', row.id, null, { date, label, pupils: indicators.total.pupils });
        return { id: row.id, date, label, createdAt, indicators };
      });
    },
    'snapshots.delete': ({ id }) =>
      write(ctx, async (trx) => {
        const before = await findRow(trx, 'snapshots', id, 'Relevé');
        await trx.deleteFrom('snapshots').where('id', '=', id).execute();
        await journal(trx, ctx, 'delete', 'snapshots', id, { date: before.date, label: before.label }, null);
      }),
  };
}
