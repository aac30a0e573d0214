// One process at a time on a record: while the app (here its browser mode, a real child process)
// has it open, the command line and any other opener are refused with the holder's name; once the
// holder is killed with SIGKILL, its lock is stale and the record opens again.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRecord } from '../../db/connection.ts';
import { lockPathOf, lockRecord, RecordLockedError } from '../../db/files.ts';
import { plainRecordNotice } from '../../electron/record/host.ts';
import { openTestRecord, seedBasics, tempDir } from '../support/record.ts';

interface Child { process: ChildProcess; stderr: () => string; exited: Promise<{ code: number | null; signal: string | null }> }

/** The browser mode on `db`, once it prints its address. */
function browserMode(db: string): Promise<Child> {
  const child = spawn(process.execPath, ['electron/browser/main.ts', '--db', db], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PLANIF_PASSPHRASE: '' } });
  let out = '';
  let err = '';
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${out}\n${err}`)), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // Its last line: the app then sets its handlers of SIGTERM.
      if (!out.includes('Ctrl+C pour arrêter.')) return;
      clearTimeout(timer);
      resolve({ process: child, stderr: () => err, exited });
    });
    void exited.then(() => reject(new Error(`browser mode exited:\n${out}\n${err}`)));
  });
}

function cli(env: NodeJS.ProcessEnv, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['electron/cli/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, PLANIF_PASSPHRASE: '', ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('a record held by the app', () => {
  it('refuses the command line (stats, restore, encrypt) and another opener, naming the app; after a SIGKILL of the app it opens again', async () => {
    const db = join(tempDir(), 'record.db');
    const first = await openTestRecord(db, { now: () => new Date() });
    await seedBasics(first.api);
    const backup = await first.api('backups.create', {});
    await first.host.close();
    expect(existsSync(lockPathOf(db))).toBe(false);

    const app = await browserMode(db);
    const pid = app.process.pid!;
    const held = new RegExp(`La base .* est déjà ouverte par un autre programme \\(Planif AESH — mode navigateur, processus ${pid}, depuis le `);
    for (const args of [['stats'], ['restore', backup.name], ['encrypt']]) {
      const refused = cli({ PLANIF_PASSPHRASE: args[0] === 'encrypt' ? 'une phrase de passe' : '' }, ...args, '--db', db);
      expect(refused.status, args.join(' ')).toBe(1);
      expect(refused.stderr).toMatch(held);
    }
    await expect(openRecord(db)).rejects.toThrow(RecordLockedError);
    await expect(openRecord(db)).rejects.toThrow(held);
    // Through a link, the record is the same file, held by the same lock.
    const link = join(tempDir(), 'lien.db');
    symlinkSync(db, link);
    await expect(openRecord(link)).rejects.toThrow(held);

    app.process.kill('SIGKILL');
    await app.exited;
    // The lock file stays behind a killed process; it is stale, not a lock.
    expect(existsSync(lockPathOf(db))).toBe(true);
    const restored = cli({}, 'restore', backup.name, '--db', db);
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    const reopened = await openRecord(db);
    expect(reopened.sqlite.prepare('select count(*) n from pupils').get()).toEqual({ n: 1 });
    await reopened.close();
    expect(existsSync(lockPathOf(db))).toBe(false);
  }, 90_000);

  it('is let go when the app stops normally; the app created the record plain, and said so on stderr', async () => {
    const db = join(tempDir(), 'record.db');
    const app = await browserMode(db);
    expect(app.stderr()).toBe(`${plainRecordNotice(db)}\n`);
    // The handlers are set just after the last line is written: give the app a moment to reach them.
    await new Promise((resolve) => setTimeout(resolve, 500));
    app.process.kill('SIGTERM');
    expect(await app.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(lockPathOf(db))).toBe(false);
    expect(cli({}, 'stats', '--db', db).status).toBe(0);
  }, 30_000);
});

describe('a lock file', () => {
  const lockOf = (db: string, holder: Record<string, unknown>): void => {
    writeFileSync(lockPathOf(db), JSON.stringify({ host: hostname(), program: 'Planif AESH — fenêtre', since: new Date().toISOString(), ...holder }));
  };

  it('left by a process that has ended is stale: the record opens, and the lock is then this process’s', async () => {
    const db = join(tempDir(), 'record.db');
    const ended = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    lockOf(db, { pid: Number(ended.stdout.trim()), start: null });
    const connection = await openRecord(db);
    expect(JSON.parse(readFileSync(lockPathOf(db), 'utf8'))).toMatchObject({ pid: process.pid, program: 'Planif AESH' });
    await connection.close();
    expect(existsSync(lockPathOf(db))).toBe(false);
  });

  it.runIf(process.platform === 'linux')('naming a live pid with another start time is stale (the pid was reused); with its own, it holds', async () => {
    const db = join(tempDir(), 'record.db');
    const start = readFileSync(`/proc/${process.ppid}/stat`, 'utf8').split(') ')[1]!.split(' ')[19];
    lockOf(db, { pid: process.ppid, start: `${start}0` });
    await (await openRecord(db)).close();
    lockOf(db, { pid: process.ppid, start });
    await expect(openRecord(db)).rejects.toThrow(`processus ${process.ppid}`);
  });

  it('is shared by the openers of one process, and removed by the last to close', async () => {
    const db = join(tempDir(), 'record.db');
    const a = await openRecord(db);
    const b = lockRecord(db, 'Planif AESH');
    await a.close();
    expect(existsSync(lockPathOf(db))).toBe(true);
    b.release();
    b.release();
    expect(existsSync(lockPathOf(db))).toBe(false);
  });
});
