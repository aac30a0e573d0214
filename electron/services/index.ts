import type { RecordHandlers } from '../../shared/api/contract.ts';
import type { RecordCounts } from '../../shared/api/entities.ts';
import type { RecordConnection } from '../../db/connection.ts';
import type { Db } from '../../db/connection.ts';
import { todayIso } from '../../shared/domain/dates.ts';
import { seedDemo } from '../demo/seed.ts';
import type { Safeguard, ServiceContext } from './context.ts';
import { aeshHandlers } from './aesh.ts';
import { allocationHandlers } from './allocation.ts';
import { analysisCache, analysisHandlers, recordCache } from './analysis.ts';
import { drillHandlers } from './drill.ts';
import { repartitionHandlers } from './repartition.ts';
import { saisineHandlers } from './saisines.ts';
import { activityHandlers } from './activity.ts';
import { surveyHandlers } from './surveys.ts';
import { exchangeHandlers } from './exchange.ts';
import { exportHandlers } from './exports.ts';
import { packageHandlers } from './packages.ts';
import { listJournal } from './journal.ts';
import { listHandlers } from './lists.ts';
import { poleHandlers } from './poles.ts';
import { pupilHandlers } from './pupils.ts';
import { schoolHandlers } from './schools.ts';
import { jobHandlers, JobRegistry } from './jobs.ts';
import { getSettings, staleSettings, updateSettings } from './settings.ts';
import { slotHandlers } from './slots.ts';
import { timetableHandlers } from './timetable.ts';
import { undoHandlers } from './undo.ts';
import packageJson from '../../package.json' with { type: 'json' };

export const APP_VERSION: string = packageJson.version;

export async function countRecord(db: Db): Promise<RecordCounts> {
  const count = async (table: keyof RecordCounts): Promise<number> => {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return {
    poles: await count('poles'),
    schools: await count('schools'),
    pupils: await count('pupils'),
    notifications: await count('notifications'),
    aesh: await count('aesh'),
    contracts: await count('contracts'),
    absences: await count('absences'),
    slots: await count('slots'),
    journal: await count('journal'),
  };
}

export interface ServiceOptions {
  actor: string;
  now?: () => Date;
  /** Backups the host takes around writes; none for a record in memory. */
  safeguard?: Safeguard;
  /** The host's jobs, which outlive a reopened record: closing it cancels them, and their status still says so. */
  jobs?: JobRegistry;
}

/** The API implemented over one open record: what IPC, the browser bridge, the CLI and tests call. */
export function createServices(connection: RecordConnection, options: ServiceOptions): RecordHandlers {
  const ctx: ServiceContext = {
    db: connection.db,
    sqlite: connection.sqlite,
    actor: options.actor,
    databasePath: connection.path,
    now: options.now ?? (() => new Date()),
    revision: { value: 0 },
    safeguard: options.safeguard,
  };
  const records = recordCache(ctx);
  const analysisOn = analysisCache(ctx, records);
  const jobs = options.jobs ?? new JobRegistry();
  return {
    'app.info': async () => ({
      appVersion: APP_VERSION,
      schemaVersion: connection.schemaVersion,
      databasePath: connection.path,
      counts: await countRecord(ctx.db),
      staleSettings: await staleSettings(ctx),
    }),
    // The same clock as the analyses' default date: the renderer starts its screens on this day.
    'clock.today': () => Promise.resolve(todayIso(ctx.now())),
    'app.seedDemo': async ({ scale, seed }) => {
      await seedDemo(ctx, scale, seed);
      return countRecord(ctx.db);
    },
    'settings.get': () => getSettings(ctx),
    'settings.update': (settings) => updateSettings(ctx, settings),
    'journal.list': ({ limit }) => listJournal(ctx, limit),
    ...poleHandlers(ctx),
    ...schoolHandlers(ctx),
    ...pupilHandlers(ctx),
    ...aeshHandlers(ctx, analysisOn),
    ...slotHandlers(ctx),
    ...analysisHandlers(ctx, analysisOn),
    ...drillHandlers(analysisOn),
    ...repartitionHandlers(ctx, records, analysisOn),
    ...timetableHandlers(ctx, records),
    ...undoHandlers(ctx),
    ...exchangeHandlers(ctx, analysisOn, jobs),
    ...exportHandlers(ctx, analysisOn, jobs),
    ...packageHandlers(ctx),
    ...listHandlers(ctx),
    ...jobHandlers(jobs),
    ...allocationHandlers(ctx, records, jobs),
    ...saisineHandlers(ctx),
    ...activityHandlers(ctx, records, jobs),
    ...surveyHandlers(ctx, analysisOn),
  };
}
