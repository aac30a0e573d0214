import type { ApiHandlers } from '../../shared/api/contract.ts';
import type { Settings } from '../../shared/domain/settings.ts';
import { fieldError } from '../../shared/api/errors.ts';
import { maxWeeklyMinutes } from '../../shared/domain/contract.ts';
import { byFrench } from '../../shared/domain/collate.ts';
import { formatDate, rangesOverlap } from '../../shared/domain/dates.ts';
import { formatHours, formatInteger } from '../../shared/domain/hours.ts';
import { workedMinutes } from '../../shared/gaps/analysis.ts';
import type { Row } from '../../db/schema.ts';
import type { AnalysisOn } from './analysis.ts';
import { write, type ServiceContext, type Trx } from './context.ts';
import { toAbsence, toAesh, toContract } from './mappers.ts';
import { deleteRow, findRow, insertRow, updateRow } from './rows.ts';
import { refuseStale } from './versions.ts';
import { getSettings } from './settings.ts';

type AeshHandlers = Pick<
  ApiHandlers,
  | 'aesh.list' | 'aesh.get' | 'aesh.create' | 'aesh.update' | 'aesh.delete'
  | 'contracts.create' | 'contracts.update' | 'contracts.delete'
  | 'absences.create' | 'absences.update' | 'absences.delete'
>;

interface Period { id?: number; aeshId: number; startDate: string; endDate: string | null }

/** Contracts of one AESH follow one another; absences of one AESH do not overlap either. */
async function refusePeriodOverlap(trx: Trx, table: 'contracts' | 'absences', candidate: Period, what: string): Promise<void> {
  const others = await trx.selectFrom(table).select(['id', 'startDate', 'endDate']).where('aeshId', '=', candidate.aeshId).execute();
  const clash = others.find((o) => o.id !== candidate.id && rangesOverlap(candidate.startDate, candidate.endDate, o.startDate, o.endDate));
  if (clash !== undefined) {
    const until = clash.endDate === null ? 'sans date de fin' : `au ${formatDate(clash.endDate)}`;
    throw fieldError('conflict', 'startDate', `Chevauche ${what} du ${formatDate(clash.startDate)} ${until}.`);
  }
}

function refuseBeyondFullTime(weeklyMinutes: number, settings: Settings): void {
  if (weeklyMinutes > maxWeeklyMinutes(settings)) {
    const annual = formatInteger((weeklyMinutes * settings.serviceWeeks) / 60);
    throw fieldError(
      'refused',
      'weeklyHours',
      `${formatHours(weeklyMinutes)} × ${settings.serviceWeeks} semaines = ${annual} h : au-delà des ${formatInteger(settings.annualReferenceHours)} h d'un temps plein.`,
    );
  }
}

const aeshValues = <T extends { skills: string[]; referent: boolean }>(input: T) => ({
  ...input, skills: JSON.stringify(input.skills), referent: Number(input.referent),
});

export function aeshHandlers(ctx: ServiceContext, analysisOn: AnalysisOn): AeshHandlers {
  return {
    'aesh.list': async ({ date }) => {
      const rows = await ctx.db.selectFrom('aesh').leftJoin('poles', 'poles.id', 'aesh.poleId')
        .selectAll('aesh').select('poles.code as poleCode').execute();
      rows.sort(byFrench((a) => a.lastName, (a) => a.firstName, (a) => a.matricule));
      // The contract and the scheduled time as the engine reads them (the week of the date, journeys
      // and lunch breaks included): the list shows the figures the dashboard counts.
      const loadOf = new Map((await analysisOn(date)).loads.map((load) => [load.aesh.id, load]));
      return rows.map((row) => {
        const load = loadOf.get(row.id);
        const contract = load?.contract ?? null;
        return {
          ...toAesh(row),
          poleCode: row.poleCode,
          contractKind: contract?.kind ?? null,
          contractWeeklyMinutes: contract?.weeklyMinutes ?? null,
          contractEndDate: contract?.endDate ?? null,
          scheduledWeeklyMinutes: load === undefined ? 0 : workedMinutes(load),
        };
      });
    },
    'aesh.get': async ({ id }) => {
      const settings = await getSettings(ctx);
      const aesh = toAesh((await findRow(ctx.db, 'aesh', id, 'AESH')) as Row<'aesh'>);
      const contracts = await ctx.db.selectFrom('contracts').selectAll().where('aeshId', '=', id).orderBy('startDate', 'desc').execute();
      const absences = await ctx.db.selectFrom('absences').selectAll().where('aeshId', '=', id).orderBy('startDate', 'desc').execute();
      return { ...aesh, contracts: contracts.map((c) => toContract(c, settings)), absences: absences.map(toAbsence) };
    },
    'aesh.create': (input) => write(ctx, async (trx) => toAesh((await insertRow(trx, ctx, 'aesh', aeshValues(input))) as Row<'aesh'>)),
    'aesh.update': ({ id, version, ...input }) =>
      write(ctx, async (trx) => {
        await refuseStale(trx, 'aesh', id, version, 'AESH');
        return toAesh((await updateRow(trx, ctx, 'aesh', id, aeshValues(input), 'AESH')) as Row<'aesh'>);
      }),
    'aesh.delete': ({ id }) =>
      write(ctx, async (trx) => {
        const dependants = {
          contracts: await trx.selectFrom('contracts').selectAll().where('aeshId', '=', id).execute(),
          absences: await trx.selectFrom('absences').selectAll().where('aeshId', '=', id).execute(),
          slots: await trx.selectFrom('slots').selectAll().where('aeshId', '=', id).execute(),
          moves: await trx.selectFrom('aeshMoves').selectAll().where('aeshId', '=', id).execute(),
        };
        await deleteRow(trx, ctx, 'aesh', id, 'AESH', dependants);
      }),

    'contracts.create': async ({ weeklyHours, ...input }) => {
      const settings = await getSettings(ctx);
      refuseBeyondFullTime(weeklyHours, settings);
      return write(ctx, async (trx) => {
        await findRow(trx, 'aesh', input.aeshId, 'AESH');
        await refusePeriodOverlap(trx, 'contracts', input, 'le contrat');
        const row = await insertRow(trx, ctx, 'contracts', { ...input, weeklyMinutes: weeklyHours });
        return toContract(row as Row<'contracts'>, settings);
      });
    },
    'contracts.update': async ({ id, version, weeklyHours, ...input }) => {
      const settings = await getSettings(ctx);
      refuseBeyondFullTime(weeklyHours, settings);
      return write(ctx, async (trx) => {
        await refuseStale(trx, 'contracts', id, version, 'Contrat');
        await refusePeriodOverlap(trx, 'contracts', { id, ...input }, 'le contrat');
        const row = await updateRow(trx, ctx, 'contracts', id, { ...input, weeklyMinutes: weeklyHours }, 'Contrat');
        return toContract(row as Row<'contracts'>, settings);
      });
    },
    'contracts.delete': ({ id }) => write(ctx, (trx) => deleteRow(trx, ctx, 'contracts', id, 'Contrat')),

    'absences.create': (input) =>
      write(ctx, async (trx) => {
        await findRow(trx, 'aesh', input.aeshId, 'AESH');
        await refusePeriodOverlap(trx, 'absences', input, 'l’absence');
        return toAbsence((await insertRow(trx, ctx, 'absences', input)) as Row<'absences'>);
      }),
    'absences.update': ({ id, version, ...input }) =>
      write(ctx, async (trx) => {
        await refuseStale(trx, 'absences', id, version, 'Absence');
        await refusePeriodOverlap(trx, 'absences', { id, ...input }, 'l’absence');
        return toAbsence((await updateRow(trx, ctx, 'absences', id, input, 'Absence')) as Row<'absences'>);
      }),
    'absences.delete': ({ id }) => write(ctx, (trx) => deleteRow(trx, ctx, 'absences', id, 'Absence')),
  };
}
