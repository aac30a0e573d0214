import { countOf } from '../../shared/domain/french.ts';
import type { ApiHandlers, ParsedInput } from '../../shared/api/contract.ts';
import { ApiError } from '../../shared/api/errors.ts';
import { byFrench } from '../../shared/domain/collate.ts';
import { defaultGrid } from '../../shared/domain/grid.ts';
import type { Row } from '../../db/schema.ts';
import { write, type ServiceContext, type Trx } from './context.ts';
import { toSchool } from './mappers.ts';
import { deleteRow, insertRow, updateRow } from './rows.ts';
import { refuseStale } from './versions.ts';

type SchoolHandlers = Pick<ApiHandlers, 'schools.list' | 'schools.create' | 'schools.update' | 'schools.delete'>;

function schoolValues(input: ParsedInput<'schools.create'>): Omit<Row<'schools'>, 'id' | 'version'> {
  const { grid, ...rest } = input;
  // A 4-day or 4.5-day school follows the national grid unless the user drew its own.
  const effectiveGrid = grid ?? defaultGrid(input.week, input.kind);
  return { ...rest, gridJson: JSON.stringify(effectiveGrid) };
}

async function refuseIfUsed(trx: Trx, id: number): Promise<void> {
  const pupils = await trx.selectFrom('pupils').select((eb) => eb.fn.countAll<number>().as('n')).where('schoolId', '=', id).executeTakeFirstOrThrow();
  const slots = await trx.selectFrom('slots').select((eb) => eb.fn.countAll<number>().as('n')).where('schoolId', '=', id).executeTakeFirstOrThrow();
  if (pupils.n > 0 || slots.n > 0) {
    throw new ApiError(
      'conflict',
      `Suppression impossible : ${countOf(pupils.n, 'élève')} et ${countOf(slots.n, 'créneau', 'créneaux')} dépendent de cet établissement. Changez d'abord leur établissement.`,
    );
  }
}

export function schoolHandlers(ctx: ServiceContext): SchoolHandlers {
  return {
    'schools.list': async () => {
      const rows = await ctx.db
        .selectFrom('schools')
        .leftJoin('poles', 'poles.id', 'schools.poleId')
        .selectAll('schools')
        .select('poles.code as poleCode')
        .select((eb) =>
          eb.selectFrom('pupils').whereRef('pupils.schoolId', '=', 'schools.id').select(eb.fn.countAll<number>().as('n')).as('pupilCount'),
        )
        .execute();
      rows.sort(byFrench((s) => s.name, (s) => s.commune ?? '', (s) => s.uai));
      return rows.map((row) => ({ ...toSchool(row), poleCode: row.poleCode, pupilCount: row.pupilCount ?? 0 }));
    },
    'schools.create': (input) =>
      write(ctx, async (trx) => toSchool((await insertRow(trx, ctx, 'schools', schoolValues(input))) as Row<'schools'>)),
    'schools.update': ({ id, version, ...input }) =>
      write(ctx, async (trx) => {
        await refuseStale(trx, 'schools', id, version, 'Établissement');
        return toSchool((await updateRow(trx, ctx, 'schools', id, schoolValues(input), 'Établissement')) as Row<'schools'>);
      }),
    'schools.delete': ({ id }) =>
      write(ctx, async (trx) => {
        await refuseIfUsed(trx, id);
        await deleteRow(trx, ctx, 'schools', id, 'Établissement');
      }),
  };
}
