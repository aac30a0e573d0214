import type { ApiHandlers } from '../../shared/api/contract.ts';
import type { Row } from '../../db/schema.ts';
import { ApiError } from '../../shared/api/errors.ts';
import { poleDependants } from '../../shared/domain/pole-dependants.ts';
import { write, type ServiceContext } from './context.ts';
import { toPole } from './mappers.ts';
import { deleteRow, insertRow, updateRow } from './rows.ts';
import { refuseStale } from './versions.ts';

type PoleHandlers = Pick<ApiHandlers, 'poles.list' | 'poles.create' | 'poles.update' | 'poles.delete'>;

export function poleHandlers(ctx: ServiceContext): PoleHandlers {
  return {
    'poles.list': async () => {
      const rows = await ctx.db
        .selectFrom('poles')
        .selectAll('poles')
        .select((eb) => [
          eb.selectFrom('schools').whereRef('schools.poleId', '=', 'poles.id').select(eb.fn.countAll<number>().as('n')).as('schoolCount'),
          eb.selectFrom('aesh').whereRef('aesh.poleId', '=', 'poles.id').select(eb.fn.countAll<number>().as('n')).as('aeshCount'),
        ])
        .orderBy('code')
        .execute();
      return rows.map((row) => ({ ...toPole(row), schoolCount: row.schoolCount ?? 0, aeshCount: row.aeshCount ?? 0 }));
    },
    'poles.create': (input) => write(ctx, async (trx) => toPole((await insertRow(trx, ctx, 'poles', input)) as Row<'poles'>)),
    'poles.update': ({ id, version, ...values }) =>
      write(ctx, async (trx) => {
        await refuseStale(trx, 'poles', id, version, 'Pôle');
        return toPole((await updateRow(trx, ctx, 'poles', id, values, 'Pôle')) as Row<'poles'>);
      }),
    // Schools and AESH of a deleted pôle stay in the record, attached to no pôle: the user is told
    // so first. They are detached row by row in the pôle's own change (SQLite's "set null" would
    // do it unjournaled), so that undoing the delete attaches them again.
    'poles.delete': ({ id, confirmed }) =>
      write(ctx, async (trx) => {
        const schools = await trx.selectFrom('schools').select('id').where('poleId', '=', id).execute();
        const aesh = await trx.selectFrom('aesh').select('id').where('poleId', '=', id).execute();
        const warning = poleDependants(schools.length, aesh.length);
        if (warning !== null && !confirmed) throw new ApiError('refused', `${warning} Confirmez la suppression.`);
        for (const school of schools) await updateRow(trx, ctx, 'schools', school.id, { poleId: null }, 'Établissement');
        for (const one of aesh) await updateRow(trx, ctx, 'aesh', one.id, { poleId: null }, 'AESH');
        // A move's history keeps its other pôle; the side that named this one is emptied likewise.
        const moves = await trx.selectFrom('aeshMoves').select(['id', 'fromPoleId', 'toPoleId'])
          .where((eb) => eb.or([eb('fromPoleId', '=', id), eb('toPoleId', '=', id)])).execute();
        for (const move of moves) {
          await updateRow(trx, ctx, 'aeshMoves', move.id, {
            fromPoleId: move.fromPoleId === id ? null : move.fromPoleId,
            toPoleId: move.toPoleId === id ? null : move.toPoleId,
          }, 'Déplacement');
        }
        await deleteRow(trx, ctx, 'poles', id, 'Pôle');
      }),
  };
}
