import type { ApiHandlers } from '../../shared/api/contract.ts';
import type { Row } from '../../db/schema.ts';
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
    // Schools and AESH of a deleted pôle stay in the record, attached to no pôle.
    'poles.delete': ({ id }) => write(ctx, (trx) => deleteRow(trx, ctx, 'poles', id, 'Pôle')),
  };
}
