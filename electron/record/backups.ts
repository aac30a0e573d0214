// Backups of the record, taken online and consistent: SQLite's backup API for a plain record;
// VACUUM INTO for an encrypted one, which SQLite3MultipleCiphers writes encrypted with the same
// key (its backup API refuses an encrypted source). Never a file copy of a live WAL database.
// A backup is written under a temporary name and renamed once complete. The folder and the files
// are readable by their owner only, like the record.
import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { applyKey, integrityProblems } from '../../db/connection.ts';
import { loadSqliteDriver } from '../../db/driver.ts';
import { wipeFile } from '../../db/encrypt.ts';
import { preparePrivateFile, privateDirectory } from '../../db/files.ts';
import { BACKUP_REASONS, type BackupInfo, type BackupReason } from '../../shared/api/contract.ts';
import { ApiError } from '../../shared/api/errors.ts';
import { backupsToKeep } from './rotation.ts';

/** Beside the record: `planif-aesh.db` keeps its backups in `planif-aesh-sauvegardes/`. */
export function backupDirectory(databasePath: string): string {
  return join(dirname(databasePath), `${basename(databasePath, extname(databasePath))}-sauvegardes`);
}

const NAME = /^(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z)_([a-z]+)\.db$/;
const isReason = (text: string | undefined): text is BackupReason => (BACKUP_REASONS as readonly string[]).includes(text ?? '');

export class BackupStore {
  readonly dir: string;
  private readonly now: () => Date;

  constructor(dir: string, now: () => Date) {
    this.dir = dir;
    this.now = now;
  }

  /** Newest first; files that are not backups of the app are left alone. */
  list(): BackupInfo[] {
    if (!existsSync(this.dir)) return [];
    const found: BackupInfo[] = [];
    for (const name of readdirSync(this.dir)) {
      const match = NAME.exec(name);
      if (match === null || !isReason(match[2])) continue;
      const at = match[1]!.replace(/T(\d{2})-(\d{2})-(\d{2})/, 'T$1:$2:$3');
      found.push({ name, at, reason: match[2], bytes: statSync(join(this.dir, name)).size });
    }
    return found.sort((a, b) => b.at.localeCompare(a.at));
  }

  /** The file of a listed backup; any other name (a path, a file of another kind) is refused. */
  pathOf(name: string): string {
    if (!this.list().some((b) => b.name === name)) throw new ApiError('not_found', `Sauvegarde « ${name} » introuvable.`);
    return join(this.dir, name);
  }

  async take(sqlite: BetterSqlite3.Database, encrypted: boolean, reason: BackupReason): Promise<BackupInfo> {
    privateDirectory(this.dir);
    const at = this.now();
    const name = `${at.toISOString().replace(/:/g, '-')}_${reason}.db`;
    const partial = join(this.dir, `${name}.partiel`);
    wipeFile(partial);
    // SQLite writes into an empty file as into a new one, and keeps its mode.
    preparePrivateFile(partial);
    if (encrypted) sqlite.prepare('VACUUM INTO ?').run(partial);
    else await sqlite.backup(partial);
    renameSync(partial, join(this.dir, name));
    this.prune();
    return { name, at: at.toISOString(), reason, bytes: statSync(join(this.dir, name)).size };
  }

  /** Removes what the rotation does not keep; the files are wiped, as they hold the record. */
  prune(): void {
    const backups = this.list();
    const keep = backupsToKeep(backups.map((b) => ({ name: b.name, at: new Date(b.at) })), this.now());
    for (const backup of backups) if (!keep.has(backup.name)) wipeFile(join(this.dir, backup.name));
  }

  /** The newest backup that opens (with `passphrase` when encrypted) and passes integrity_check. */
  newestGood(passphrase: string | undefined): BackupInfo | null {
    const Driver = loadSqliteDriver();
    for (const backup of this.list()) {
      let sqlite: BetterSqlite3.Database | null = null;
      try {
        sqlite = new Driver(join(this.dir, backup.name), { fileMustExist: true });
        if (passphrase !== undefined) applyKey(sqlite, passphrase);
        if (integrityProblems(sqlite).length === 0) return backup;
      } catch {
        // A backup that does not open is not a good one: try the next.
      } finally {
        sqlite?.close();
      }
    }
    return null;
  }
}
