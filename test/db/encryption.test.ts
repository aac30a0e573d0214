// The record at rest: encrypted with SQLCipher, opened with its key only, converted on request,
// its key kept by the OS keychain (a key store in memory stands for Electron's safeStorage here).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileState } from '../../db/connection.ts';
import type { KeyStore } from '../../electron/record/host.ts';
import { openTestRecord, seedBasics, tempDir } from '../support/record.ts';

const PASSPHRASE = 'Rentrée 2026 : « clé » d’essai';
/** Every file of a folder, whole: what a thief of the laptop would read. */
const everything = (dir: string): Buffer => Buffer.concat(readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile()).map((e) => readFileSync(join(e.parentPath, e.name))));
const CLEAR = Buffer.from('Durand');

function memoryKeychain(available = true): KeyStore & { key: string | null } {
  const store = { key: null as string | null, available: () => available, read: () => store.key, write: (key: string) => { store.key = key; } };
  return store;
}

describe('an encrypted record', () => {
  it('is created encrypted when a passphrase is given: nothing of it reads in clear, and it reopens with the passphrase', async () => {
    const dir = tempDir();
    const path = join(dir, 'record.db');
    const first = await openTestRecord(path, { passphrase: PASSPHRASE });
    await seedBasics(first.api);
    await first.host.close();
    expect(fileState(path)).toBe('encrypted');
    expect(everything(dir).includes(CLEAR)).toBe(false);

    const again = await openTestRecord(path, { passphrase: PASSPHRASE });
    expect((await again.api('aesh.list', {}))[0]!.lastName).toBe('Durand');
    expect((await again.api('record.state', {})).encrypted).toBe(true);
    await again.host.close();
  });

  it('refuses a wrong passphrase or none, in French, and touches nothing', async () => {
    const path = join(tempDir(), 'record.db');
    const created = await openTestRecord(path, { passphrase: PASSPHRASE });
    await seedBasics(created.api);
    await created.host.close();
    const before = readFileSync(path);
    const mtime = statSync(path).mtimeMs;
    await expect(openTestRecord(path, { passphrase: 'pas la bonne phrase' })).rejects.toThrow(/^Phrase de passe incorrecte pour la base .* : elle n'a été ni ouverte ni modifiée\.$/);
    await expect(openTestRecord(path)).rejects.toThrow(/est chiffrée, ou n'est pas une base Planif AESH lisible : si elle est chiffrée, donnez sa phrase de passe \(variable PLANIF_PASSPHRASE ou --passphrase-file FICHIER\)/);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(statSync(path).mtimeMs).toBe(mtime);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('converts a plain record on request, with its backups, and leaves no plain copy behind', async () => {
    const dir = tempDir();
    const path = join(dir, 'record.db');
    const plain = await openTestRecord(path, { now: () => new Date() });
    await seedBasics(plain.api);
    await plain.api('backups.create', {});
    expect(everything(dir).includes(CLEAR)).toBe(true);

    // Without a keychain, a passphrase must be chosen.
    await expect(plain.api('record.encrypt', {})).rejects.toThrow(/Choisissez une phrase de passe/);
    const state = await plain.api('record.encrypt', { passphrase: PASSPHRASE });
    expect(state).toMatchObject({ status: 'open', encrypted: true });
    expect((await plain.api('aesh.list', {}))[0]!.lastName).toBe('Durand');
    const backups = await plain.api('backups.list', {});
    expect(backups.map((b) => b.reason).sort()).toEqual(['chiffrement', 'manuelle']);
    await plain.host.close();
    expect(fileState(path)).toBe('encrypted');
    expect(everything(dir).includes(CLEAR)).toBe(false);
    expect(readdirSync(dir).filter((f) => /non-chiffree|chiffrement$/.test(f))).toEqual([]);
    await expect(plain.api('record.encrypt', { passphrase: PASSPHRASE })).rejects.toThrow();
  });

  it('is converted once the calls in flight are done: an import started before is whole in the encrypted record', async () => {
    const source = await openTestRecord();
    await source.api('app.seedDemo', { scale: 'medium', seed: 4 });
    const file = (await source.api('exchange.export', { kind: 'record' })).dataBase64;
    const pupils = (await source.api('app.info', {})).counts.pupils;
    await source.host.close();

    const path = join(tempDir(), 'record.db');
    const { api, host } = await openTestRecord(path, { now: () => new Date() });
    const importing = api('exchange.import', { fileName: 'departement.xlsx', dataBase64: file });
    const encrypting = api('record.encrypt', { passphrase: PASSPHRASE });
    const [imported, state] = await Promise.all([importing, encrypting]);
    expect(imported.written).toBe(true);
    expect(state).toMatchObject({ status: 'open', encrypted: true });
    expect((await api('app.info', {})).counts.pupils).toBe(pupils);
    await host.close();
  });
});

describe('the window’s key', () => {
  it('is random and kept by the keychain: a new record is encrypted and reopens without typing anything', async () => {
    const path = join(tempDir(), 'record.db');
    const keychain = memoryKeychain();
    const first = await openTestRecord(path, { keyStore: keychain, interactive: true });
    await seedBasics(first.api);
    await first.host.close();
    expect(fileState(path)).toBe('encrypted');
    expect(keychain.key).toMatch(/^[\w-]{43}$/);
    const again = await openTestRecord(path, { keyStore: keychain, interactive: true });
    expect(await again.api('record.state', {})).toMatchObject({ status: 'open', encrypted: true, keychain: true });
    await again.host.close();
  });

  it('without a keychain, is a passphrase chosen at first launch and typed at each start', async () => {
    const path = join(tempDir(), 'record.db');
    const none = memoryKeychain(false);
    const first = await openTestRecord(path, { keyStore: none, interactive: true });
    expect((await first.api('record.state', {})).status).toBe('new-passphrase');
    await expect(first.api('pupils.list', {})).rejects.toThrow('La base n’est pas ouverte : saisissez d’abord sa phrase de passe.');
    await expect(first.api('record.create', { passphrase: 'court' })).rejects.toThrow(/Saisie refusée/);
    await first.api('record.create', { passphrase: PASSPHRASE });
    await seedBasics(first.api);
    await first.host.close();

    const next = await openTestRecord(path, { keyStore: none, interactive: true });
    expect((await next.api('record.state', {})).status).toBe('locked');
    const wrong = await next.api('record.unlock', { passphrase: 'pas la bonne phrase' });
    expect(wrong).toMatchObject({ status: 'locked', message: expect.stringMatching(/^Phrase de passe incorrecte/) });
    expect(await next.api('record.unlock', { passphrase: PASSPHRASE })).toMatchObject({ status: 'open', message: null });
    expect((await next.api('pupils.list', {})).map((p) => p.lastName)).toEqual(['Martin']);
    await next.host.close();
  });
});

const cli = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  spawnSync(process.execPath, ['electron/cli/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, PLANIF_PASSPHRASE: '', ...env } });

describe('the command line', () => {
  it('creates an encrypted record when given a passphrase, and refuses to open it without', () => {
    const dir = tempDir();
    const db = join(dir, 'cli.db');
    expect(cli({ PLANIF_PASSPHRASE: PASSPHRASE }, 'demo', '--scale', 'small', '--db', db).status).toBe(0);
    expect(fileState(db)).toBe('encrypted');
    const refused = cli({}, 'stats', '--db', db);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/est chiffrée, ou n'est pas une base Planif AESH lisible/);
    const file = join(dir, 'phrase.txt');
    writeFileSync(file, `${PASSPHRASE}\n`);
    const stats = cli({}, 'stats', '--db', db, '--passphrase-file', file, '--json');
    expect(stats.status).toBe(0);
    expect((JSON.parse(stats.stdout) as { counts: { pupils: number } }).counts.pupils).toBeGreaterThan(0);
    expect(cli({ PLANIF_PASSPHRASE: 'pas la bonne phrase' }, 'stats', '--db', db).stderr).toMatch(/Phrase de passe incorrecte/);
  });

  it('encrypts a plain record, which then opens with the passphrase only', () => {
    const db = join(tempDir(), 'plain.db');
    expect(cli({}, 'demo', '--scale', 'small', '--db', db).status).toBe(0);
    expect(cli({}, 'encrypt', '--db', db).status).toBe(2);
    const encrypted = cli({ PLANIF_PASSPHRASE: PASSPHRASE }, 'encrypt', '--db', db);
    expect(encrypted.stdout).toMatch(/est maintenant chiffrée/);
    expect(fileState(db)).toBe('encrypted');
    expect(cli({ PLANIF_PASSPHRASE: PASSPHRASE }, 'stats', '--db', db).status).toBe(0);
    expect(cli({}, 'stats', '--db', db).status).toBe(1);
  });
});
