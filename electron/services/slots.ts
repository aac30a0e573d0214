import type { ApiHandlers, ParsedInput } from '../../shared/api/contract.ts';
import type { Slot } from '../../shared/api/entities.ts';
import { fieldError } from '../../shared/api/errors.ts';
import type { SlotNature, Weekday } from '../../shared/domain/enums.ts';
import type { Row } from '../../db/schema.ts';
import { write, type ServiceContext, type Trx } from './context.ts';
import { deleteRow, findRow, insertRow, linkPupils, pupilIdsOf, updateRow } from './rows.ts';
import { refuseStale } from './versions.ts';

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
  version: row.version,
});

async function checkReferences(trx: Trx, input: ParsedInput<'slots.create'>): Promise<void> {
  await findRow(trx, 'aesh', input.aeshId, 'AESH');
  await findRow(trx, 'schools', input.schoolId, 'Établissement');
  if (input.pupilIds.length === 0) return;
  const found = await trx.selectFrom('pupils').select('id').where('id', 'in', input.pupilIds).execute();
  if (found.length !== new Set(input.pupilIds).size) throw fieldError('not_found', 'pupilIds', 'Un des élèves choisis n’existe plus.');
}

type SlotInput = ParsedInput<'slots.create'>;

export async function createSlot(trx: Trx, ctx: ServiceContext, input: SlotInput): Promise<Slot> {
  await checkReferences(trx, input);
  const { pupilIds, ...values } = input;
  const row = (await insertRow(trx, ctx, 'slots', values)) as Row<'slots'>;
  return toSlot(row, await linkPupils(trx, ctx, row.id, pupilIds));
}

/** Updates slot `id` if it is still at `version` (the one its editor loaded). */
export async function updateSlot(trx: Trx, ctx: ServiceContext, id: number, version: number, input: SlotInput): Promise<Slot> {
  await refuseStale(trx, 'slots', id, version, 'Créneau');
  await checkReferences(trx, input);
  const { pupilIds, ...values } = input;
  const row = (await updateRow(trx, ctx, 'slots', id, values, 'Créneau')) as Row<'slots'>;
  return toSlot(row, await linkPupils(trx, ctx, id, pupilIds));
}

export async function deleteSlot(trx: Trx, ctx: ServiceContext, id: number): Promise<void> {
  await deleteRow(trx, ctx, 'slots', id, 'Créneau', { pupilIds: pupilIdsOf(ctx, id) });
}

export function slotHandlers(ctx: ServiceContext): SlotHandlers {
  return {
    'slots.list': async ({ aeshId, schoolId }) => {
      // The pupils come in the same query: a list of the slots' ids bound as variables would exceed
      // SQLite's limit (32 766) at the scale of a département.
      let query = ctx.db.selectFrom('slots').leftJoin('slotPupils', 'slotPupils.slotId', 'slots.id')
        .selectAll('slots').select((eb) => eb.fn<string | null>('group_concat', ['slotPupils.pupilId']).as('pupilList'))
        .groupBy('slots.id');
      if (aeshId !== undefined) query = query.where('slots.aeshId', '=', aeshId);
      if (schoolId !== undefined) query = query.where('slots.schoolId', '=', schoolId);
      const rows = await query.orderBy('slots.weekday').orderBy('slots.startMinute').execute();
      return rows.map(({ pupilList, ...row }) => toSlot(row, pupilList === null ? [] : pupilList.split(',').map(Number).sort((a, b) => a - b)));
    },
    'slots.create': (input) => write(ctx, (trx) => createSlot(trx, ctx, input)),
    'slots.update': ({ id, version, ...input }) => write(ctx, (trx) => updateSlot(trx, ctx, id, version, input)),
    'slots.delete': ({ id }) => write(ctx, (trx) => deleteSlot(trx, ctx, id)),
  };
}
