// Journaled single-row writes shared by every entity: insert, update and delete each write their
// journal line in the caller's transaction, and turn SQLite's constraint errors into French.
// They run prepared statements on the transaction's own connection (Kysely's, through which
// write() opened the transaction): a whole département's import goes through them, and building
// each query with Kysely would cost seconds. Rows come back and are journaled as Kysely's
// CamelCasePlugin shows them, so the journal has one format whoever writes.
// They also keep, for each transaction, the rows they changed (changesOf): once it is committed,
// the services' cached record is patched from them instead of being read again.
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ApiError, fieldError } from '../../shared/api/errors.ts';
import type { ServiceContext, Trx } from './context.ts';
import { changeNumberOf, journal } from './journal.ts';
import { prepared } from './statements.ts';

export type EntityTable = Exclude<keyof Database, 'slotPupils' | 'journal' | 'settings'>;
export type AnyRow = { id: number } & Record<string, unknown>;
/** Column values as the services give them (camelCase); undefined ones are left out, as Kysely does. */
type Values = Record<string, unknown>;
/** Added to the journaled row, never stored: where an imported row came from. */
export interface Origin { source: string }

const memo = (convert: (name: string) => string): ((name: string) => string) => {
  const known = new Map<string, string>();
  return (name) => {
    let converted = known.get(name);
    if (converted === undefined) {
      converted = convert(name);
      known.set(name, converted);
    }
    return converted;
  };
};
// The conversions of Kysely's CamelCasePlugin, which the rest of the app reads the record through.
const camel = memo((snake) => snake.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()));
const snake = memo((name) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`));

/** A row as SQLite returns it (snake_case) as the services see it through Kysely (camelCase). */
export function camelRow(raw: Record<string, unknown>): AnyRow {
  const row: Record<string, unknown> = {};
  for (const key in raw) row[camel(key)] = raw[key];
  return row as AnyRow;
}

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

/** The row as it stands in the record, read on the transaction's connection. */
export function currentRow(ctx: ServiceContext, table: EntityTable, id: number): AnyRow | undefined {
  const raw = prepared(ctx.sqlite, `select * from ${snake(table)} where id = ?`).get(id) as Record<string, unknown> | undefined;
  return raw === undefined ? undefined : camelRow(raw);
}

function existingRow(ctx: ServiceContext, table: EntityTable, id: number, what: string): AnyRow {
  const row = currentRow(ctx, table, id);
  if (row === undefined) throw new ApiError('not_found', `${what} introuvable (n° ${id}) : il a peut-être été supprimé.`);
  return row;
}

/** Reads inside a transaction or outside one (a transaction is a Kysely too). */
export async function findRow(db: Kysely<Database>, table: EntityTable, id: number, what: string): Promise<AnyRow> {
  const row = (await (db as unknown as Kysely<Record<string, AnyRow>>).selectFrom(table as string).selectAll().where('id', '=', id).executeTakeFirst()) as AnyRow | undefined;
  if (row === undefined) throw new ApiError('not_found', `${what} introuvable (n° ${id}) : il a peut-être été supprimé.`);
  return row;
}

/** One row written by these helpers, in the order of the transaction: `before` and `after` are null for a creation and a deletion. */
export type RowChange =
  | { table: EntityTable; id: number; before: AnyRow | null; after: AnyRow | null }
  | { table: 'slotPupils'; id: number; pupilIds: number[] };

/** What a transaction changed, read before it commits. */
export interface RowChanges {
  rows: RowChange[];
  /**
   * Entities journaled in the same change by other means than these helpers (a bulk load, the
   * settings, a snapshot): the rows they changed are not in `rows`.
   */
  others: string[];
}

const changesByTransaction = new WeakMap<Trx, RowChange[]>();

function collect(trx: Trx, change: RowChange): void {
  const changes = changesByTransaction.get(trx);
  if (changes === undefined) changesByTransaction.set(trx, [change]);
  else changes.push(change);
}

const JOURNALED_SQL = 'select entity, count(*) as n from journal where change_id = ? group by entity';

/**
 * The rows the transaction changed through these helpers, and what else it journaled: each of
 * their changes is one journal line, so lines beyond them were written another way.
 */
export function changesOf(trx: Trx, ctx: ServiceContext): RowChanges {
  const rows = changesByTransaction.get(trx) ?? [];
  const ours = new Map<string, number>();
  for (const { table } of rows) ours.set(table, (ours.get(table) ?? 0) + 1);
  const journaled = prepared(ctx.sqlite, JOURNALED_SQL).all(changeNumberOf(trx)) as { entity: string; n: number }[];
  return { rows, others: journaled.filter(({ entity, n }) => n > (ours.get(entity) ?? 0)).map(({ entity }) => entity) };
}

const given = (values: Values): [string, unknown][] => Object.entries(values).filter(([, value]) => value !== undefined);

export async function insertRow<T extends EntityTable>(
  trx: Trx, ctx: ServiceContext, table: T, values: Insertable<Database[T]>, origin?: Origin,
): Promise<AnyRow> {
  const entries = given(values);
  const sql = `insert into ${snake(table)} (${entries.map(([column]) => snake(column)).join(', ')}) values (${entries.map(() => '?').join(', ')}) returning *`;
  let row: AnyRow;
  try {
    row = camelRow(prepared(ctx.sqlite, sql).get(...entries.map(([, value]) => value)) as Record<string, unknown>);
  } catch (error) {
    return translateConstraint(error);
  }
  await journal(trx, ctx, 'create', table, row.id, null, origin === undefined ? row : { ...row, ...origin });
  collect(trx, { table, id: row.id, before: null, after: row });
  return row;
}

export async function updateRow<T extends EntityTable>(
  trx: Trx, ctx: ServiceContext, table: T, id: number, values: Updateable<Database[T]>, what: string, origin?: Origin,
): Promise<AnyRow> {
  const before = existingRow(ctx, table, id, what);
  const entries = given(values);
  // Every update moves the row's version on (versions.ts), even one writing back an old version
  // (undo): SQLite keeps the rightmost assignment of a column.
  const sql = `update ${snake(table)} set ${entries.map(([column]) => `${snake(column)} = ?`).join(', ')}, version = version + 1 where id = ? returning *`;
  let after: AnyRow;
  try {
    after = camelRow(prepared(ctx.sqlite, sql).get(...entries.map(([, value]) => value), id) as Record<string, unknown>);
  } catch (error) {
    return translateConstraint(error);
  }
  await journal(trx, ctx, 'update', table, id, before, origin === undefined ? after : { ...after, ...origin });
  collect(trx, { table, id, before, after });
  return after;
}

/** Deletes one row; `dependants` is what the cascade takes with it, kept in the journal for undo. */
export async function deleteRow(
  trx: Trx, ctx: ServiceContext, table: EntityTable, id: number, what: string, dependants: unknown = null,
): Promise<void> {
  const before = existingRow(ctx, table, id, what);
  try {
    prepared(ctx.sqlite, `delete from ${snake(table)} where id = ?`).run(id);
  } catch (error) {
    translateConstraint(error);
  }
  await journal(trx, ctx, 'delete', table, id, dependants === null ? before : { row: before, dependants }, null);
  collect(trx, { table, id, before, after: null });
}

/**
 * Before a pupil is deleted: unlinks the saisines that name them, one journaled update each. The
 * foreign key would set the link to null without a journal line, and undoing the deletion would
 * not bring it back. A saisine outlives its pupil (it is kept, anonymised, for the activity
 * report), so the deletion is not refused.
 */
export async function unlinkSaisines(trx: Trx, ctx: ServiceContext, pupilId: number): Promise<void> {
  for (const id of prepared(ctx.sqlite, 'select id from saisines where pupil_id = ?').pluck().all(pupilId) as number[]) {
    await updateRow(trx, ctx, 'saisines', id, { pupilId: null }, 'Saisine');
  }
}

/** The pupils a slot serves, by id. */
export function pupilIdsOf(ctx: ServiceContext, slotId: number): number[] {
  return prepared(ctx.sqlite, 'select pupil_id from slot_pupils where slot_id = ? order by pupil_id').pluck().all(slotId) as number[];
}

/** Replaces the pupils a slot serves, journaling the link change in the slot's own change. */
export async function linkPupils(trx: Trx, ctx: ServiceContext, slotId: number, pupilIds: number[]): Promise<number[]> {
  const before = pupilIdsOf(ctx, slotId);
  const linked = [...new Set(pupilIds)].sort((a, b) => a - b);
  if (before.join(',') === linked.join(',')) return linked;
  prepared(ctx.sqlite, 'delete from slot_pupils where slot_id = ?').run(slotId);
  const link = prepared(ctx.sqlite, 'insert into slot_pupils (slot_id, pupil_id) values (?, ?)');
  for (const pupilId of linked) link.run(slotId, pupilId);
  await journal(trx, ctx, 'update', 'slotPupils', slotId, before, linked);
  collect(trx, { table: 'slotPupils', id: slotId, pupilIds: linked });
  return linked;
}
