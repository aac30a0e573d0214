// Two tabs (or two windows) may hold forms on the same row. An update writes the whole row, so the
// later of two saves would silently revert the earlier one: each update carries the version of the
// row its form loaded, and is refused when the row has been updated since (rows.ts moves the
// version on at every update, undo's included).
import { ApiError } from '../../shared/api/errors.ts';
import type { Trx } from './context.ts';
import { findRow } from './rows.ts';

export type VersionedTable =
  | 'poles' | 'schools' | 'pupils' | 'notifications' | 'aesh' | 'contracts' | 'absences' | 'slots'
  | 'saisines' | 'saisineSteps' | 'saisineActions';

export const STALE_ROW =
  'Enregistrement refusé : cet enregistrement a été modifié depuis son ouverture (dans un autre onglet ou une autre fenêtre). '
  + 'Rouvrez-le pour voir ses valeurs actuelles, puis refaites votre modification.';

/** Refuses an update of row `id` carrying a `version` the row has moved past (or `what` not found). */
export async function refuseStale(trx: Trx, table: VersionedTable, id: number, version: number, what: string): Promise<void> {
  const row = await findRow(trx, table, id, what);
  if (row.version !== version) throw new ApiError('conflict', STALE_ROW);
}
