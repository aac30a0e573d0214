// Turning a plain record file into an encrypted one, on request. The plain file is never changed
// in place: a consistent copy is encrypted and checked, swapped in, and only then is the plain
// file overwritten with zeros and removed, so that a crash at any point leaves a readable record.
import { closeSync, existsSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { applyKey, fileState, integrityProblems, RecordOpenError } from './connection.ts';
import { loadSqliteDriver } from './driver.ts';
import { preparePrivateFile } from './files.ts';

const ZEROS = Buffer.alloc(1024 * 1024);

/**
 * Overwrites a file with zeros, flushes it to the disk, then removes it. On an SSD or a
 * journaling file system old blocks may survive elsewhere: this removes the plain copy from the
 * file system's reach, full-disk encryption covers the rest.
 */
export function wipeFile(path: string): void {
  if (!existsSync(path)) return;
  const fd = openSync(path, 'r+');
  try {
    for (let left = statSync(path).size, at = 0; left > 0; left -= ZEROS.length, at += ZEROS.length) {
      writeSync(fd, ZEROS, 0, Math.min(left, ZEROS.length), at);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  unlinkSync(path);
}

const sidecars = (path: string): string[] => [`${path}-wal`, `${path}-shm`, `${path}-journal`];

/** Encrypts the plain record at `path` with `passphrase` (SQLCipher 4); nobody may have it open. */
export async function encryptRecordFile(path: string, passphrase: string): Promise<void> {
  if (fileState(path) !== 'plain') throw new RecordOpenError(`La base ${path} n'est pas une base non chiffrée : rien à convertir.`, 'encrypted');
  const Driver = loadSqliteDriver();
  const work = `${path}.chiffrement`;
  for (const leftover of [work, ...sidecars(work)]) wipeFile(leftover);

  const source = new Driver(path, { fileMustExist: true });
  try {
    const problems = integrityProblems(source);
    if (problems.length > 0) throw new RecordOpenError(`La base ${path} est endommagée (${problems[0]}) : restaurez une sauvegarde avant de la chiffrer.`, 'damaged');
    // The copy becomes the record: readable by its owner only, like the record (SQLite would create it 0644).
    preparePrivateFile(work);
    await source.backup(work);
  } finally {
    source.close();
  }
  // The journal stays in memory: no page of the plain copy is ever written to a journal file.
  const copy = new Driver(work);
  try {
    copy.pragma('journal_mode = MEMORY');
    copy.pragma("cipher = 'sqlcipher'");
    copy.pragma('legacy = 4');
    copy.rekey(Buffer.from(passphrase, 'utf8'));
  } finally {
    copy.close();
  }
  const check = new Driver(work);
  try {
    applyKey(check, passphrase);
    const problems = integrityProblems(check);
    if (fileState(work) !== 'encrypted' || problems.length > 0) throw new Error(`copie chiffrée invalide (${problems[0] ?? 'en-tête lisible'})`);
    check.pragma('journal_mode = WAL');
  } catch (error) {
    check.close();
    wipeFile(work);
    throw new RecordOpenError(`Le chiffrement de ${path} a échoué : ${(error as Error).message}. La base n'a pas été modifiée.`, 'damaged');
  }
  check.close();

  // Side files of the plain record go first: a stale plain WAL must never sit beside the new file.
  const plain = `${path}.non-chiffree`;
  renameSync(path, plain);
  for (const file of [...sidecars(path), ...sidecars(plain)]) wipeFile(file);
  renameSync(work, path);
  wipeFile(plain);
}
