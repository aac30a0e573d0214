import type { Kysely } from 'kysely';
import * as initial from './0001_initial.ts';
import * as snapshots from './0002_snapshots.ts';
import * as journalChanges from './0003_journal_changes.ts';
import * as aeshMoves from './0004_aesh_moves.ts';
import * as rowVersions from './0005_row_versions.ts';
import * as saisines from './0006_saisines.ts';
import * as packages from './0007_packages.ts';

export interface Migration {
  name: string;
  up(db: Kysely<unknown>): Promise<void>;
}

/** In order; the schema version of a database is the number of these it has run (PRAGMA user_version). */
export const MIGRATIONS: readonly Migration[] = [
  { name: '0001_initial', up: initial.up },
  { name: '0002_snapshots', up: snapshots.up },
  { name: '0003_journal_changes', up: journalChanges.up },
  { name: '0004_aesh_moves', up: aeshMoves.up },
  { name: '0005_row_versions', up: rowVersions.up },
  { name: '0006_saisines', up: saisines.up },
  { name: '0007_packages', up: packages.up },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
