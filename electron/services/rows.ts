// Journaled single-row writes shared by every entity: insert, update and delete each write their
// journal line in the caller's transaction, and turn SQLite's constraint errors into French.
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ApiError, fieldError } from '../../shared/api/errors.ts';
import type { ServiceContext, Trx } from './context.ts';
import { journal } from './journal.ts';

type EntityTable = Exclude<keyof Database, 'slotPupils' | 'journal' | 'settings'>;
type AnyRow = { id: number } & Record<string, unknown>;
// These helpers serve every entity table alike; Kysely cannot type a query over a union of tables,
// so they see the record as tables of loose rows. Callers keep the precise types.
type LooseDb = Kysely<Record<string, AnyRow>>;
const loose = (db: Kysely<Database>): LooseDb => db as unknown as LooseDb;

const camel = (snake: string): string => snake.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** Reads SQLite's "UNIQUE constraint failed: schools.uai" as a message on the field `uai`. */
function translateConstraint(error: unknown): never {
  const message = error instanceof Error ? error.message : '';
  const unique = /UNIQUE constraint failed: ([\w.,\s]+)/.exec(message);
  if (unique?.[1]) {
    const column = unique[1].split(',')[0]?.trim().split('.')[1] ?? '';
    throw fieldError('conflict', camel(column), 'Déjà utilisé par un autre enregistrement.');
  }
  if (/FOREIGN KEY constraint failed/.test(message)) {
    throw new ApiError('conflict', 'Référence invalide : un enregistrement lié n’existe pas ou en dépend encore.');
  }
  throw error;
}

/** Reads inside a transaction or outside one (a transaction is a Kysely too). */
export async function findRow(db: Kysely<Database>, table: EntityTable, id: number, what: string): Promise<AnyRow> {
  const row = (await loose(db).selectFrom(table as string).selectAll().where('id', '=', id).executeTakeFirst()) as AnyRow | undefined;
  if (row === undefined) throw new ApiError('not_found', `${what} introuvable (n° ${id}) : il a peut-être été supprimé.`);
  return row;
}

export async function insertRow<T extends EntityTable>(
  trx: Trx, ctx: ServiceContext, table: T, values: Insertable<Database[T]>,
): Promise<AnyRow> {
  try {
    const row = (await loose(trx).insertInto(table as string).values(values as AnyRow).returningAll().executeTakeFirstOrThrow()) as AnyRow;
    await journal(trx, ctx, 'create', table, row.id, null, row);
    return row;
  } catch (error) {
    return translateConstraint(error);
  }
}

export async function updateRow<T extends EntityTable>(
  trx: Trx, ctx: ServiceContext, table: T, id: number, values: Updateable<Database[T]>, what: string,
): Promise<AnyRow> {
  const before = await findRow(trx, table, id, what);
  try {
    const after = (await loose(trx).updateTable(table as string).set(values as Partial<AnyRow>).where('id', '=', id).returningAll().executeTakeFirstOrThrow()) as AnyRow;
    await journal(trx, ctx, 'update', table, id, before, after);
    return after;
  } catch (error) {
    return translateConstraint(error);
  }
}

/** Deletes one row; `dependants` is what the cascade takes with it, kept in the journal for undo. */
export async function deleteRow(
  trx: Trx, ctx: ServiceContext, table: EntityTable, id: number, what: string, dependants: unknown = null,
): Promise<void> {
  const before = await findRow(trx, table, id, what);
  try {
    await loose(trx).deleteFrom(table as string).where('id', '=', id).execute();
  } catch (error) {
    translateConstraint(error);
  }
  await journal(trx, ctx, 'delete', table, id, dependants === null ? before : { row: before, dependants }, null);
}
