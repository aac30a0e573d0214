// The record's files on disk: who holds the record (its lock file), and files only their owner
// may read, since every one of them holds the record or a piece of it.
import { chmodSync, closeSync, existsSync, linkSync, mkdirSync, openSync, readFileSync, realpathSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

/** Files holding the record: the user only (the umask can only remove from this). */
export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIRECTORY = 0o700;

/**
 * Creates `path` empty and private when it does not exist, so that SQLite, which creates its
 * files 0644 and gives a -wal, -shm or journal the mode of their database, writes into it;
 * an existing file is made private too (a record of an older version was created 0644).
 */
export function preparePrivateFile(path: string): void {
  try {
    closeSync(openSync(path, 'wx', PRIVATE_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    chmodSync(path, PRIVATE_FILE);
  }
}

/** Makes `path` private if it exists: the side files a record opened 0644 once left behind. */
export function makePrivate(path: string): void {
  if (existsSync(path)) chmodSync(path, PRIVATE_FILE);
}

/** Creates a folder of the app's own (the backups) private, and makes it private if it exists. */
export function privateDirectory(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIRECTORY });
  chmodSync(path, PRIVATE_DIRECTORY);
}

/**
 * The path as the file system knows it: symbolic links resolved, and on a case-insensitive file
 * system the case of the file on disk. A file that does not exist yet is resolved through its folder.
 */
export function realPath(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync.native(absolute);
  } catch {
    try {
      return join(realpathSync.native(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}

/** What a lock file says about the process holding the record. */
interface LockHolder {
  pid: number;
  /** The process's start on Linux (/proc/PID/stat), so that a pid reused after a crash is not taken for the holder. */
  start: string | null;
  host: string;
  program: string;
  since: string;
}

export class RecordLockedError extends Error {
  override name = 'RecordLockedError';
}

/** The lock file of the record at `recordPath`: beside the real file, so that every path to it meets the same lock. */
export function lockPathOf(recordPath: string): string {
  return `${realPath(recordPath)}.verrou`;
}

/** Linux only: the state and start time of a process, or null where /proc does not tell. */
function procStat(pid: number): { state: string; start: string } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // "pid (command) state ppid …": the command may hold spaces and brackets, the fields after it do not.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', start: fields[19] ?? '' };
}

const ownStart = (): string | null => procStat(process.pid)?.start ?? null;

/** Whether the process named in a lock file may still hold the record. */
function holderAlive(holder: LockHolder): boolean {
  // A process on another machine (a record on a network share) cannot be checked: it is taken as alive.
  if (holder.host !== hostname()) return true;
  // This process does not hold it (that is looked up first): the file is left by an earlier process given the same pid.
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: the process exists, under another user.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const proc = procStat(holder.pid);
  if (proc === null) return true;
  // A killed process not yet reaped by its parent (a zombie) holds nothing any more.
  if (proc.state === 'Z' || proc.state === 'X') return false;
  return holder.start === null || holder.start === proc.start;
}

function readHolder(lockPath: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string'
      ? { pid: parsed.pid, start: parsed.start ?? null, host: parsed.host, program: String(parsed.program ?? 'Planif AESH'), since: String(parsed.since ?? '') }
      : null;
  } catch {
    return null;
  }
}

function describeSince(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const two = (n: number): string => String(n).padStart(2, '0');
  return `, depuis le ${two(at.getDate())}/${two(at.getMonth() + 1)}/${at.getFullYear()} à ${at.getHours()} h ${two(at.getMinutes())}`;
}

/** The locks this process holds, by lock file, with how many openers share each. */
const held = new Map<string, { count: number; holder: LockHolder }>();

function releaseAllAtExit(): void {
  for (const [lockPath, { holder }] of held) removeIfOurs(lockPath, holder);
  held.clear();
}

function removeIfOurs(lockPath: string, holder: LockHolder): void {
  const current = readHolder(lockPath);
  if (current?.pid === holder.pid && current.since === holder.since) {
    try {
      unlinkSync(lockPath);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

export interface RecordLock {
  /** Lets the record go; a second call does nothing. */
  readonly release: () => void;
}

/**
 * Takes the record at `recordPath` for this process: a lock file beside it names the process
 * (pid, program, machine). Openers within one process share it; another process is refused, in
 * French, with the name of the holder. A lock whose process has died (SIGKILL, power cut) is
 * stale and taken over: on Linux the process's start time tells a pid reused since from the holder.
 */
export function lockRecord(recordPath: string, program: string): RecordLock {
  const lockPath = lockPathOf(recordPath);
  const mine = held.get(lockPath);
  if (mine !== undefined) {
    mine.count += 1;
  } else {
    const holder: LockHolder = { pid: process.pid, start: ownStart(), host: hostname(), program, since: new Date().toISOString() };
    createLockFile(recordPath, lockPath, holder);
    if (held.size === 0) process.once('exit', releaseAllAtExit);
    held.set(lockPath, { count: 1, holder });
  }
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      const entry = held.get(lockPath);
      if (entry === undefined || --entry.count > 0) return;
      held.delete(lockPath);
      removeIfOurs(lockPath, entry.holder);
      if (held.size === 0) process.removeListener('exit', releaseAllAtExit);
    },
  };
}

function createLockFile(recordPath: string, lockPath: string, holder: LockHolder): void {
  // Written whole under a name of its own, then linked to the lock's name, which fails if the lock
  // exists: another process never reads a lock file half written.
  const draft = `${lockPath}.${process.pid}`;
  writeFileSync(draft, JSON.stringify(holder), { mode: PRIVATE_FILE });
  try {
    // Twice at most: a stale lock is removed once, then the lock is taken or another process was quicker.
    for (let attempt = 0; ; attempt += 1) {
      try {
        linkSync(draft, lockPath);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const other = readHolder(lockPath);
      if (attempt === 0 && (other === null || !holderAlive(other))) {
        try {
          unlinkSync(lockPath);
        } catch {
          // Removed by another process taking it over at the same moment: try to link again.
        }
        continue;
      }
      const who = other === null
        ? 'un autre programme'
        : `un autre programme (${other.program}, processus ${other.pid}${other.host === hostname() ? '' : ` sur le poste ${other.host}`}${describeSince(other.since)})`;
      throw new RecordLockedError(
        `La base ${recordPath} est déjà ouverte par ${who}. Une seule application à la fois peut l’ouvrir : ` +
          `fermez l’autre avant de recommencer. Si ce programme n’existe plus, supprimez le fichier ${lockPath}.`,
      );
    }
  } finally {
    unlinkSync(draft);
  }
}
