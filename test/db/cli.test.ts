import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileState } from '../../db/connection.ts';
import { SCHEMA_VERSION } from '../../db/migrations/index.ts';
import { openTestRecord, tempDir } from '../support/record.ts';

// The command line as a user runs it: a real Node process, a real file.
type Counts = { counts: Record<string, number> };

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return cliWith({}, ...args);
}
function cliWith(env: NodeJS.ProcessEnv, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['electron/cli/main.ts', ...args], {
    encoding: 'utf8', env: { ...process.env, PLANIF_DB: join(tempDir(), 'default.db'), PLANIF_PASSPHRASE: '', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run cli', () => {
  it('loads the small demo and prints plausible counts as JSON', () => {
    const db = join(tempDir(), 'demo.db');
    const demo = cli('demo', '--db', db, '--scale', 'small', '--json');
    expect(demo.status).toBe(0);
    expect((JSON.parse(demo.stdout) as Counts).counts).toMatchObject({ poles: 1, schools: 7, pupils: 40 });
    const stats = cli('stats', '--db', db, '--json');
    expect(stats.status).toBe(0);
    const parsed = JSON.parse(stats.stdout) as { schemaVersion: number; counts: Record<string, number> };
    expect(parsed.schemaVersion).toBe(SCHEMA_VERSION);
    expect(parsed.counts.aesh).toBeGreaterThan(10);
    expect(parsed.counts.slots).toBeGreaterThan(parsed.counts.pupils!);
  });

  it('sums up the record in French, with real plurals', () => {
    const db = join(tempDir(), 'french.db');
    expect(cli('demo', '--db', db, '--scale', 'small').stdout).toMatch(/ : 1 pôle, 7 établissements, 40 élèves, \d+ notifications, \d+ AESH, \d+ contrats, \d+ absences?, \d+ créneaux, \d+ lignes? de journal\n$/);
  });

  it('prints every gap of the medium demo as JSON, whole even through a pipe', async () => {
    const db = join(tempDir(), 'medium.db');
    // The demo is dated from its clock: made by the command line, on the machine's, it would hold
    // no pupil notified on 2026-11-23 a year later. Made on the tests' clock, it is that day's.
    const { api, host } = await openTestRecord(db);
    await api('app.seedDemo', { scale: 'medium' });
    await host.close();
    const gaps = cli('gaps', '--db', db, '--date', '2026-11-23', '--json');
    expect(gaps.status).toBe(0);
    const parsed = JSON.parse(gaps.stdout) as Record<string, unknown>[];
    expect(gaps.stdout.length).toBeGreaterThan(65_536);
    expect(Object.keys(parsed[0]!).sort()).toEqual(['aesh', 'code', 'message', 'missingHours', 'pole', 'pupil', 'severity', 'uai']);
    expect(parsed.some((g) => g.code === 'NO_SUPPORT' && typeof g.pupil === 'string' && g.aesh === null && typeof g.missingHours !== 'undefined')).toBe(true);
    const indicators = JSON.parse(cli('indicators', '--db', db, '--date', '2026-11-23', '--json').stdout) as { total: { pupils: { notified: number; none: number } }; poles: unknown[] };
    expect(indicators.poles).toHaveLength(8);
    expect(indicators.total.pupils.none).toBe(parsed.filter((g) => g.code === 'NO_SUPPORT').length);
    expect(cli('gaps', '--db', db, '--date', '23/11/2026').status).toBe(2);
  });

  it('exports the record and imports it elsewhere; refused rows give exit 1 and their reasons', () => {
    const dir = tempDir();
    const source = join(dir, 'source.db');
    cli('demo', '--db', source, '--scale', 'small');
    const out = join(dir, 'base.xlsx');
    expect(cli('export', 'record', '--db', source, '--out', out).status).toBe(0);
    const target = join(dir, 'copy.db');
    const imported = cli('import', out, '--db', target, '--json');
    expect(imported.status).toBe(0);
    const report = JSON.parse(imported.stdout) as { written: boolean; sheets: Record<string, { created: number; refused: unknown[] }> };
    expect(report.written).toBe(true);
    expect(report.sheets['Élèves']).toMatchObject({ created: 40, refused: [] });
    expect((JSON.parse(cli('stats', '--db', target, '--json').stdout) as Counts).counts.pupils).toBe(40);

    const bad = join(dir, 'Élèves.csv');
    writeFileSync(bad, 'Identifiant,Nom,Prénom,UAI\n2026-9,Roux,Zoé,0840001Q\n');
    const refused = cli('import', bad, '--db', target, '--strict', '--json');
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stdout)).toEqual({ written: false, sheets: { 'Élèves': { created: 0, updated: 0, unchanged: 0, refused: [{ sheet: 'Élèves', row: 2, column: 'UAI', reason: expect.stringMatching(/lettre de contrôle invalide|Établissement 0840001Q inconnu/) }] } } });
    const mapping = join(dir, 'correspondance.json');
    writeFileSync(mapping, '{ pas du json');
    expect(cli('import', bad, '--db', target, '--mapping', mapping).stderr).toMatch(/Correspondance .* illisible/);
    expect(cli('export', 'dashboards', '--db', source).status).toBe(2);
  });

  it('exits 1 with the reason on stderr when the input is refused', () => {
    const db = join(tempDir(), 'twice.db');
    expect(cli('demo', '--db', db, '--scale', 'small').status).toBe(0);
    const again = cli('demo', '--db', db, '--scale', 'small');
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/ne se charge que dans une base vide/);
    expect(again.stdout).toBe('');
  });

  it('exits 2 on a usage error', () => {
    expect(cli('demo', '--scale', 'huge').status).toBe(2);
    expect(cli('frobnicate').stderr).toMatch(/commande inconnue : frobnicate/);
    expect(cli('stats', '--nope').status).toBe(2);
    expect(cli().status).toBe(2);
  });

  it('uses the app’s own database when no --db is given', () => {
    const stats = cli('stats', '--json');
    expect(stats.status).toBe(0);
    expect((JSON.parse(stats.stdout) as { database: string }).database).toMatch(/default\.db$/);
  });

  it('refuses a database from a newer version with exit 1', () => {
    const db = join(tempDir(), 'new.db');
    cli('stats', '--db', db);
    spawnSync(process.execPath, ['-e', `const D=require('better-sqlite3-multiple-ciphers');const d=new D(${JSON.stringify(db)});d.pragma('user_version = 99');d.close()`]);
    const stats = cli('stats', '--db', db);
    expect(stats.status).toBe(1);
    expect(stats.stderr).toMatch(/version plus récente/);
  });

  it('says on stderr that the record it creates without a passphrase is not encrypted, once, and not when one is given', () => {
    const dir = tempDir();
    const plain = join(dir, 'demo.db');
    const created = cli('demo', '--db', plain, '--scale', 'small', '--json');
    expect(created.status).toBe(0);
    expect(created.stderr.trim().split('\n')).toEqual([
      `Attention : la base ${plain} vient d’être créée sans chiffrement. Pour des données réelles, créez-la avec une phrase de passe ` +
        `(variable PLANIF_PASSPHRASE ou --passphrase-file FICHIER), ou chiffrez-la : npm run -s cli -- encrypt --db ${plain}`,
    ]);
    expect((JSON.parse(created.stdout) as Counts).counts.poles).toBe(1);
    expect(cli('stats', '--db', plain).stderr).toBe('');

    const secret = join(dir, 'secret.db');
    const encrypted = cliWith({ PLANIF_PASSPHRASE: 'une phrase de passe' }, 'stats', '--db', secret);
    expect(encrypted.status).toBe(0);
    expect(encrypted.stderr).toBe('');
    expect(fileState(secret)).toBe('encrypted');
  });

  it('refuses to export over the record (every other spelling: test/db/outputs.test.ts), leaving it whole', () => {
    const db = join(tempDir(), 'record.db');
    expect(cli('demo', '--db', db, '--scale', 'small').status).toBe(0);
    const before = readFileSync(db);
    const refused = cli('export', 'record', '--db', db, '--out', db);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(`Le fichier de sortie ${db} est la base elle-même (${db}) ou l’un de ses fichiers : l’écrire la détruirait. Choisissez un autre fichier.\n`);
    expect(readFileSync(db).equals(before)).toBe(true);
    expect((JSON.parse(cli('stats', '--db', db, '--json').stdout) as Counts).counts.pupils).toBe(40);
  });
});
