// An output path (an export, a printed timetable) that would land on the record is refused, however
// it is written: the record itself, a link to it, another case, its side files, its backups.
import { linkSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDirectory } from '../../electron/record/backups.ts';
import { refuseRecordOutput } from '../../electron/record/outputs.ts';
import { openTestRecord, tempDir } from '../support/record.ts';

async function recordIn(dir: string): Promise<string> {
  const db = join(dir, 'record.db');
  const { api, host } = await openTestRecord(db, { now: () => new Date() });
  await api('backups.create', {});
  await host.close();
  return db;
}

describe('an output path', () => {
  it('is refused when it is the record, its side files, its lock or its backups, however written', async () => {
    const dir = tempDir();
    const db = await recordIn(dir);
    const elsewhere = tempDir();
    const link = join(elsewhere, 'lien.xlsx');
    symlinkSync(db, link);
    const hard = join(dir, 'copie-liee.xlsx');
    linkSync(db, hard);
    const folderLink = join(elsewhere, 'dossier');
    symlinkSync(dir, folderLink);
    const backups = backupDirectory(db);
    const refused = [
      db, join(dir, 'sous', '..', 'record.db'), link, hard, join(folderLink, 'record.db'), join(dir, 'Record.DB'),
      `${db}-wal`, `${db}-shm`, `${db}-journal`, `${db}.verrou`,
      backups, join(backups, 'export.xlsx'), join(folderLink, 'record-sauvegardes', 'export.xlsx'), join(dir, 'RECORD-Sauvegardes'),
    ];
    for (const out of refused) expect(() => refuseRecordOutput(out, db), out).toThrow(/^Le fichier de sortie .* : l’écrire la détruirait\. Choisissez un autre fichier\.$/);
    expect(() => refuseRecordOutput(join(backups, 'x.xlsx'), db)).toThrow(`est dans le dossier des sauvegardes de la base (${backups})`);
  });

  it('is refused through the record given by a link, where the record and its backups are beside the link', async () => {
    const dir = tempDir();
    const db = await recordIn(dir);
    const linkDir = tempDir();
    const linked = join(linkDir, 'planif.db');
    symlinkSync(db, linked);
    expect(() => refuseRecordOutput(db, linked)).toThrow('est la base elle-même');
    expect(() => refuseRecordOutput(join(backupDirectory(linked), 'x.xlsx'), linked)).toThrow('dossier des sauvegardes');
  });

  it('is accepted anywhere else, beside the record too', async () => {
    const dir = tempDir();
    const db = await recordIn(dir);
    mkdirSync(join(dir, 'exports'));
    writeFileSync(join(dir, 'ancien-export.xlsx'), 'x');
    for (const out of [join(dir, 'export.xlsx'), join(dir, 'ancien-export.xlsx'), join(dir, 'exports', 'record.db'), join(dir, 'record.db.xlsx'), join(tempDir(), 'record.db')]) {
      expect(() => refuseRecordOutput(out, db), out).not.toThrow();
    }
    expect(() => refuseRecordOutput(join(dir, 'x.xlsx'), ':memory:')).not.toThrow();
  });
});
