import type { DemoScale } from '../../shared/api/contract.ts';
import { ApiError } from '../../shared/api/errors.ts';
import type { Database } from '../../db/schema.ts';
import { write, type ServiceContext, type Trx } from '../services/context.ts';
import { journal } from '../services/journal.ts';
import { generateDemo, type DemoRecord } from './generate.ts';

const DEFAULT_SEED = 2025;
// SQLite allows 32 766 bound values a statement; 400 rows of at most 11 columns stay well under.
const CHUNK = 400;

async function insertAll<T extends keyof DemoRecord & keyof Database>(trx: Trx, table: T, rows: DemoRecord[T]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx.insertInto(table).values(rows.slice(i, i + CHUNK) as never).execute();
  }
}

/**
 * Fills an empty record with the demonstration département, in one transaction, journaled as
 * one bulk line (the generator's scale and seed are enough to reproduce every row).
 */
export async function seedDemo(ctx: ServiceContext, scale: DemoScale, seed = DEFAULT_SEED): Promise<void> {
  const record = generateDemo(scale, seed, ctx.now());
  await write(ctx, async (trx) => {
    const pupil = await trx.selectFrom('pupils').select('id').limit(1).executeTakeFirst();
    const school = await trx.selectFrom('schools').select('id').limit(1).executeTakeFirst();
    if (pupil !== undefined || school !== undefined) {
      throw new ApiError('refused', 'La base contient déjà des données : la démonstration ne se charge que dans une base vide.');
    }
    const tables = [
      'poles', 'schools', 'pupils', 'notifications', 'aesh', 'contracts', 'absences', 'slots', 'slotPupils', 'saisines', 'saisineSteps', 'saisineActions',
    ] as const;
    for (const table of tables) await insertAll(trx, table, record[table]);
    const counts = Object.fromEntries(tables.map((table) => [table, record[table].length]));
    await journal(trx, ctx, 'bulk', 'demo', null, null, { scale, seed, counts });
  });
}
