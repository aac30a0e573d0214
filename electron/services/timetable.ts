// The timetable editor's two calls: the pôle's workspace (the engine runs on it in the renderer,
// on every drag frame) and a batch of slot operations written as one change of the journal, so
// that a move, a copied week or a replacement is undone in one step.
import type { ApiHandlers, ChangeDone, ParsedInput } from '../../shared/api/contract.ts';
import type { Slot } from '../../shared/api/entities.ts';
import { assertNever } from '../../shared/domain/never.ts';
import { poleWorkspace } from '../../shared/timetable/workspace.ts';
import type { RecordCache } from './analysis.ts';
import { write, type ServiceContext, type Trx } from './context.ts';
import { changeNumberOf } from './journal.ts';
import { findRow } from './rows.ts';
import { createSlot, deleteSlot, updateSlot } from './slots.ts';

type TimetableHandlers = Pick<ApiHandlers, 'timetable.workspace' | 'timetable.apply'>;
export type Operation = ParsedInput<'timetable.apply'>['operations'][number];

async function applyOperation(trx: Trx, ctx: ServiceContext, operation: Operation): Promise<Slot | null> {
  switch (operation.kind) {
    case 'create':
      return createSlot(trx, ctx, operation.slot);
    case 'update': {
      const { id, version, ...slot } = operation.slot;
      return updateSlot(trx, ctx, id, version, slot);
    }
    case 'delete':
      await deleteSlot(trx, ctx, operation.id);
      return null;
    default:
      return assertNever(operation, 'opération');
  }
}

export function timetableHandlers(ctx: ServiceContext, records: RecordCache): TimetableHandlers {
  return {
    'timetable.workspace': async ({ poleId }) => {
      await findRow(ctx.db, 'poles', poleId, 'Pôle');
      return { poleId, record: poleWorkspace(await records.get(), poleId) };
    },
    'timetable.apply': ({ operations }) => applySlotOperations(ctx, operations),
  };
}

/** Slot operations written as one change of the journal: the editor's batches, and an accepted allocation (which may hold more than the API's 2 000). */
export async function applySlotOperations(ctx: ServiceContext, operations: readonly Operation[]): Promise<ChangeDone> {
  return write(ctx, async (trx) => {
    const slots: Slot[] = [];
    for (const operation of operations) {
      const slot = await applyOperation(trx, ctx, operation);
      if (slot !== null) slots.push(slot);
    }
    return { changeId: changeNumberOf(trx), slots };
  });
}
