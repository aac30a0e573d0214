// Undo and redo through the change journal. Undoing a change writes the inverse of each of its
// lines, newest first, as a new change of its own; redoing is undoing that undo. A line is only
// reverted when the record still holds what it wrote: a row changed since is never overwritten.
import type { ApiHandlers } from '../../shared/api/contract.ts';
import { ApiError } from '../../shared/api/errors.ts';
import type { Row } from '../../db/schema.ts';
import { write, type ServiceContext, type Trx } from './context.ts';
import { changeNumberOf, type JournalAction } from './journal.ts';
import { assertNever } from '../../shared/domain/never.ts';
import { RECEIPT_ENTITY, revertReceipt } from '../exchange/package.ts';
import { currentRow, deleteRow, insertRow, linkPupils, pupilIdsOf, updateRow, type AnyRow } from './rows.ts';

type UndoHandlers = Pick<ApiHandlers, 'journal.undo'>;

const ROW_TABLES = [
  'poles', 'schools', 'pupils', 'notifications', 'aesh', 'contracts', 'absences', 'slots', 'aeshMoves',
  'saisines', 'saisineSteps', 'saisineActions', 'saisineNatures',
] as const;
type RowTable = (typeof ROW_TABLES)[number];
const isRowTable = (entity: string): entity is RowTable => (ROW_TABLES as readonly string[]).includes(entity);

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

const STALE = 'Annulation impossible : cet enregistrement a été modifié depuis. Corrigez-le directement.';

/** True when the row in the record still holds every value the journal line wrote. */
function holds(current: AnyRow | undefined, written: unknown): boolean {
  if (current === undefined || typeof written !== 'object' || written === null) return false;
  return Object.entries(current).every(([key, value]) => JSON.stringify((written as Record<string, unknown>)[key]) === JSON.stringify(value));
}

async function revert(trx: Trx, ctx: ServiceContext, line: Row<'journal'>): Promise<void> {
  const before = parse(line.beforeJson);
  const after = parse(line.afterJson);
  const id = line.entityId;
  if (line.entity === RECEIPT_ENTITY) {
    await revertReceipt(trx, ctx, before, after);
    return;
  }
  if (id !== null && line.entity === 'slotPupils') {
    if (JSON.stringify(pupilIdsOf(ctx, id)) !== JSON.stringify(after)) throw new ApiError('conflict', STALE);
    await linkPupils(trx, ctx, id, before as number[]);
    return;
  }
  if (id === null || !isRowTable(line.entity)) {
    throw new ApiError('refused', `Cette modification (${line.entity}) ne s’annule pas depuis l’application.`);
  }
  const table = line.entity;
  const action = line.action as JournalAction;
  switch (action) {
    case 'create': {
      if (!holds(currentRow(ctx, table, id), after)) throw new ApiError('conflict', STALE);
      await deleteRow(trx, ctx, table, id, 'Enregistrement');
      return;
    }
    case 'update': {
      if (!holds(currentRow(ctx, table, id), after)) throw new ApiError('conflict', STALE);
      const { id: _, ...values } = before as AnyRow;
      await updateRow(trx, ctx, table, id, values, 'Enregistrement');
      return;
    }
    case 'delete': {
      const deleted = before as AnyRow & { row?: AnyRow; dependants?: { pupilIds?: number[] } };
      const row = deleted.row ?? deleted;
      const dependants = deleted.dependants ?? null;
      // Rows deleted with their dependants (a pupil's notifications, an AESH's contracts) are
      // restored only for slots, whose dependants are the links to their pupils.
      if (dependants !== null && table !== 'slots') {
        throw new ApiError('refused', 'Une suppression en cascade ne s’annule pas depuis l’application : recréez l’enregistrement.');
      }
      if (currentRow(ctx, table, id) !== undefined) throw new ApiError('conflict', STALE);
      await insertRow(trx, ctx, table, row as never);
      if (dependants?.pupilIds !== undefined) await linkPupils(trx, ctx, id, dependants.pupilIds);
      return;
    }
    case 'bulk':
      throw new ApiError('refused', 'Un chargement en bloc ne s’annule pas depuis l’application.');
    default:
      return assertNever(action, 'action du journal');
  }
}

export function undoHandlers(ctx: ServiceContext): UndoHandlers {
  return {
    'journal.undo': ({ changeId }) =>
      write(ctx, async (trx) => {
        const lines = await trx.selectFrom('journal').selectAll().where('changeId', '=', changeId).orderBy('id', 'desc').execute();
        if (lines.length === 0) throw new ApiError('not_found', `Modification n° ${changeId} introuvable dans le journal.`);
        for (const line of lines) await revert(trx, ctx, line);
        return { changeId: changeNumberOf(trx), lines: lines.length };
      }),
  };
}
