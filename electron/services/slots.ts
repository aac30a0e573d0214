import type { ApiHandlers, ParsedInput } from '../../shared/api/contract.ts';
import type { Slot } from '../../shared/api/entities.ts';
import { fieldError } from '../../shared/api/errors.ts';
import type { SlotNature, Weekday } from '../../shared/domain/enums.ts';
import type { Row } from '../../db/schema.ts';
import { write, type ServiceContext, type Trx } from './context.ts';
import { journal } from './journal.ts';
import { deleteRow, findRow, insertRow, updateRow } from './rows.ts';

type SlotHandlers = Pick<ApiHandlers, 'slots.list' | 'slots.create' | 'slots.update' | 'slots.delete'>;

const toSlot = (row: Row<'slots'>, pupilIds: number[]): Slot => ({
  id: row.id,
  aeshId: row.aeshId,
  schoolId: row.schoolId,
  weekday: row.weekday as Weekday,
  startMinute: row.startMinute,
  endMinute: row.endMinute,
  nature: row.nature as SlotNature,
  pupilIds,
  validFrom: row.validFrom,
  validTo: row.validTo,
});

async function checkReferences(trx: Trx, input: ParsedInput<'slots.create'>): Promise<void> {
  await findRow(trx, 'aesh', input.aeshId, 'AESH');
  await findRow(trx, 'schools', input.schoolId, 'Établissement');
  if (input.pupilIds.length === 0) return;
  const found = await trx.selectFrom('pupils').select('id').where('id', 'in', input.pupilIds).execute();
  if (found.length !== new Set(input.pupilIds).size) throw fieldError('not_found', 'pupilIds', 'Un des élèves choisis n’existe plus.');
}

async function setPupils(trx: Trx, slotId: number, pupilIds: number[]): Promise<number[]> {
  const unique = [...new Set(pupilIds)].sort((a, b) => a - b);
  await trx.deleteFrom('slotPupils').where('slotId', '=', slotId).execute();
  if (unique.length > 0) await trx.insertInto('slotPupils').values(unique.map((pupilId) => ({ slotId, pupilId }))).execute();
  return unique;
}

/** The pupils a slot serves, by id. */
export async function pupilIdsOf(trx: Trx, slotId: number): Promise<number[]> {
  const rows = await trx.selectFrom('slotPupils').select('pupilId').where('slotId', '=', slotId).orderBy('pupilId').execute();
  return rows.map((r) => r.pupilId);
}

type SlotInput = ParsedInput<'slots.create'>;

export async function createSlot(trx: Trx, ctx: ServiceContext, input: SlotInput): Promise<Slot> {
  await checkReferences(trx, input);
  const { pupilIds, ...values } = input;
  const row = (await insertRow(trx, ctx, 'slots', values)) as Row<'slots'>;
  return toSlot(row, await linkPupils(trx, ctx, row.id, pupilIds));
}

export async function updateSlot(trx: Trx, ctx: ServiceContext, id: number, input: SlotInput): Promise<Slot> {
  await checkReferences(trx, input);
  const { pupilIds, ...values } = input;
  const row = (await updateRow(trx, ctx, 'slots', id, values, 'Créneau')) as Row<'slots'>;
  return toSlot(row, await linkPupils(trx, ctx, id, pupilIds));
}

export async function deleteSlot(trx: Trx, ctx: ServiceContext, id: number): Promise<void> {
  await deleteRow(trx, ctx, 'slots', id, 'Créneau', { pupilIds: await pupilIdsOf(trx, id) });
}

/** Replaces the pupils a slot serves, journaling the link change in the slot's own change. */
export async function linkPupils(trx: Trx, ctx: ServiceContext, slotId: number, pupilIds: number[]): Promise<number[]> {
  const before = await pupilIdsOf(trx, slotId);
  const linked = await setPupils(trx, slotId, pupilIds);
  if (before.join(',') !== linked.join(',')) await journal(trx, ctx, 'update', 'slotPupils', slotId, before, linked);
  return linked;
}

export function slotHandlers(ctx: ServiceContext): SlotHandlers {
  return {
    'slots.list': async ({ aeshId, schoolId }) => {
      let query = ctx.db.selectFrom('slots').selectAll();
      if (aeshId !== undefined) query = query.where('aeshId', '=', aeshId);
      if (schoolId !== undefined) query = query.where('schoolId', '=', schoolId);
      const rows = await query.orderBy('weekday').orderBy('startMinute').execute();
      const ids = rows.map((r) => r.id);
      const links = ids.length === 0 ? [] : await ctx.db.selectFrom('slotPupils').selectAll().where('slotId', 'in', ids).execute();
      const pupilsOf = new Map<number, number[]>();
      for (const link of links) pupilsOf.set(link.slotId, [...(pupilsOf.get(link.slotId) ?? []), link.pupilId]);
      return rows.map((row) => toSlot(row, pupilsOf.get(row.id) ?? []));
    },
    'slots.create': (input) => write(ctx, (trx) => createSlot(trx, ctx, input)),
    'slots.update': ({ id, ...input }) => write(ctx, (trx) => updateSlot(trx, ctx, id, input)),
    'slots.delete': ({ id }) => write(ctx, (trx) => deleteSlot(trx, ctx, id)),
  };
}
