// Files the app writes where the user says (exports, printed timetables) must never land on the
// record: a workbook written over it, over its WAL or into its backups would destroy them.
import { statSync, type Stats } from 'node:fs';
import { basename, dirname, relative, isAbsolute } from 'node:path';
import { SIDE_FILES } from '../../db/connection.ts';
import { lockPathOf, realPath } from '../../db/files.ts';
import { ApiError } from '../../shared/api/errors.ts';
import { backupDirectory } from './backups.ts';

const identity = (path: string): Stats | null => {
  try {
    return statSync(path);
  } catch {
    return null;
  }
};
const sameFile = (a: Stats | null, b: Stats | null): boolean => a !== null && b !== null && a.dev === b.dev && a.ino === b.ino;
const within = (folder: string, path: string): boolean => {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * Refuses, in French, an output path that is the record at `recordPath`, one of its side files,
 * its lock, or its backups folder or a file in it. Paths are compared as the file system knows
 * them (links resolved), an existing file by its identity (any case, link or hard link to the
 * record), a name beside the record whatever its case, since Windows and macOS ignore it.
 */
export function refuseRecordOutput(out: string, recordPath: string): void {
  if (recordPath === ':memory:') return;
  const record = realPath(recordPath);
  const target = realPath(out);
  // Beside the path the app was given, which may be a link to the record elsewhere.
  const backups = realPath(backupDirectory(recordPath));
  const names = [record, ...SIDE_FILES.map((s) => record + s), `${record}-journal`, lockPathOf(record)];
  const targetId = identity(target);
  const folderId = identity(dirname(target));
  const recordFolderId = identity(dirname(record));
  const backupsId = identity(backups);
  const isRecordFile = names.some((name) => sameFile(targetId, identity(name)))
    || (sameFile(folderId, recordFolderId) && names.some((name) => basename(name).toLowerCase() === basename(target).toLowerCase()));
  let inBackups = within(backups, target) || sameFile(targetId, backupsId)
    || (sameFile(folderId, recordFolderId) && basename(backups).toLowerCase() === basename(target).toLowerCase());
  // The backups folder spelt another way (another case, on a disk that ignores it) is known by its identity.
  for (let folder = dirname(target); !inBackups && folder !== dirname(folder); folder = dirname(folder)) {
    inBackups = sameFile(identity(folder), backupsId);
  }
  if (isRecordFile || inBackups) {
    throw new ApiError('refused', `Le fichier de sortie ${out} ${isRecordFile ? `est la base elle-même (${recordPath}) ou l’un de ses fichiers` : `est dans le dossier des sauvegardes de la base (${backups})`} : ` +
      'l’écrire la détruirait. Choisissez un autre fichier.');
  }
}
