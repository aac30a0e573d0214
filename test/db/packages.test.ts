// Packages between coordinators, through the API of real records: the département's record and
// two pôles' records (PIAL-A, PIAL-B), each on its own laptop, exchanging packages.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exportPackageCommand, importPackageCommand } from '../../electron/cli/package.ts';
import type { ApiCall } from '../../shared/api/contract.ts';
import type { PackagePreview } from '../../shared/api/packages.ts';
import { makeUai } from '../../shared/domain/uai.ts';
import { FIXED_NOW, openTestRecord, tempDir, type TestRecord } from '../support/record.ts';
import { d, department, SA, SB } from '../support/packages.ts';
import { readBack, workbook, type Cells } from '../support/workbook.ts';

let opened: TestRecord[] = [];
async function record(): Promise<TestRecord> {
  const r = await openTestRecord();
  opened.push(r);
  return r;
}
afterEach(async () => {
  for (const r of opened) await r.host.close();
  opened = [];
});

async function importFile(r: TestRecord, sheets: Record<string, Cells[]>): Promise<void> {
  const result = await r.api('exchange.import', { fileName: 'saisie.xlsx', dataBase64: workbook(sheets) });
  expect(result.reports.flatMap((x) => x.refused)).toEqual([]);
}

const packageOf = async (r: TestRecord, pole: string, passphrase?: string): Promise<{ fileName: string; dataBase64: string }> =>
  r.api('packages.export', { pole, passphrase });

/** Imports a package with no conflict to decide. */
async function receive(r: TestRecord, file: { fileName: string; dataBase64: string }): Promise<PackagePreview & { changeId: number }> {
  return r.api('packages.import', { ...file, choices: {} });
}

/** A pôle's rows in a record, sheet by sheet, as its package holds them (the header sheet left out). */
async function rowsOf(r: TestRecord, pole: string): Promise<Record<string, unknown[][]>> {
  const { Paquet: _header, ...sheets } = readBack((await packageOf(r, pole)).dataBase64);
  return sheets;
}

const counts = (preview: PackagePreview): Record<string, number[]> =>
  Object.fromEntries(preview.sheets.map((s) => [s.sheet, [s.created, s.updated, s.unchanged, s.deleted]]));

let dep: TestRecord;
beforeEach(async () => {
  dep = await record();
  await dep.api('exchange.import', { fileName: 'departement.xlsx', dataBase64: department() });
});

describe('making a package', () => {
  it('holds one pôle, with a header naming the pôle, the record and the date, and the personal-data notice', async () => {
    const file = await packageOf(dep, 'PIAL-A');
    expect(file.fileName).toBe('planif-aesh-paquet-PIAL-A-2026-11-23.xlsx');
    const book = readBack(file.dataBase64);
    expect(Object.keys(book)[0]).toBe('Paquet');
    const header: Record<string, unknown> = Object.fromEntries(book.Paquet!.slice(1).map(([label, value]) => [label, value]));
    expect(header).toMatchObject({ 'Pôle': 'PIAL-A', 'Nom du pôle': 'PIAL d’Apt', 'Fait le': '23/11/2026' });
    expect(String(header['Dossier d’origine'])).toMatch(/^[0-9a-f-]{36}$/);
    expect(String(header['Données personnelles'])).toContain('données personnelles de santé');
    expect(book['Pôles']!.slice(1).map((r) => r[0])).toEqual(['PIAL-A']);
    expect(book['Élèves']!.slice(1).map((r) => r[0])).toEqual(['PA1', 'PA2']);
    expect(book['AESH']!.slice(1).map((r) => r[0])).toEqual(['XA1', 'XA2']);
    expect(book['Créneaux']!.slice(1).map((r) => r[0])).toEqual(['XA1', 'XA2']);
  });

  it('carries an AESH’s slot in another pôle’s school with its pupils, but not that school nor those pupils', async () => {
    await importFile(dep, { 'Créneaux': [['Matricule', 'UAI', 'Jour', 'Début', 'Fin', 'Élèves'], ['XB1', SA, 'vendredi', '13:30', '15:00', 'PA1']] });
    const book = readBack((await packageOf(dep, 'PIAL-B')).dataBase64);
    expect(book['Créneaux']!.slice(1).map((r) => [r[0], r[1], r[2], r[5]])).toEqual([['XB1', SB, 'mardi', 'PB1'], ['XB1', SA, 'vendredi', 'PA1']]);
    expect(book['Établissements']!.slice(1).map((r) => r[0])).toEqual([SB]);
    expect(book['Élèves']!.slice(1).map((r) => r[0])).toEqual(['PB1']);
  });

  it('refuses an unknown pôle', async () => {
    await expect(packageOf(dep, 'PIAL-Z')).rejects.toThrow('Pôle PIAL-Z inconnu.');
  });
});

describe('importing a package', () => {
  it('creates the pôle in an empty record, then changes nothing when received again', async () => {
    const pial = await record();
    const file = await packageOf(dep, 'PIAL-A');
    const preview = await pial.api('packages.preview', file);
    expect(preview).toMatchObject({ header: { pole: 'PIAL-A', poleName: 'PIAL d’Apt' }, ownRecord: false, lastReceived: null, conflicts: [], refusals: [] });
    expect(counts(preview)).toMatchObject({
      'Pôles': [1, 0, 0, 0], 'Établissements': [1, 0, 0, 0], 'Élèves': [2, 0, 0, 0], 'Notifications': [2, 0, 0, 0], 'AESH': [2, 0, 0, 0], 'Absences': [1, 0, 0, 0], 'Créneaux': [2, 0, 0, 0],
    });
    await receive(pial, file);
    expect(await rowsOf(pial, 'PIAL-A')).toEqual(await rowsOf(dep, 'PIAL-A'));
    expect(counts(await pial.api('packages.preview', file))).toMatchObject({ 'Élèves': [0, 0, 2, 0], 'Créneaux': [0, 0, 2, 0] });
  });

  it('writes updates and deletions of the pôle, listed in the preview, and leaves the other pôles untouched', async () => {
    const pial = await record();
    await receive(pial, await packageOf(dep, 'PIAL-A'));
    // The PIAL's coordinator moves Hugo to CE1, removes Léa's slot and records a new pupil.
    await importFile(pial, { 'Élèves': [['Identifiant', 'Nom', 'Prénom', 'UAI', 'Niveau', 'Classe'], ['PA2', 'Petit', 'Hugo', SA, 'CE1', 'CE1 A'], ['PA3', 'Blanc', 'Inès', SA, 'CP', 'CP B']] });
    const xa1 = (await pial.api('aesh.list', {})).find((a) => a.matricule === 'XA1')!;
    const [slot] = await pial.api('slots.list', { aeshId: xa1.id });
    await pial.api('slots.delete', { id: slot!.id });
    const otherBefore = await rowsOf(dep, 'PIAL-B');

    const file = await packageOf(pial, 'PIAL-A');
    const preview = await dep.api('packages.preview', file);
    expect(counts(preview)).toMatchObject({ 'Élèves': [1, 1, 1, 0], 'Créneaux': [0, 0, 1, 1] });
    expect(preview.sheets.find((s) => s.sheet === 'Créneaux')!.deletions).toEqual([`Créneau de l’AESH XA1 — lundi 8 h 30–11 h 30, ${SA}`]);
    expect(preview.sheets.find((s) => s.sheet === 'Élèves')!.updates).toEqual(['Élève PA2 — Petit Hugo']);
    expect(preview.sheets.find((s) => s.sheet === 'Élèves')!.creations).toEqual(['Élève PA3 — Blanc Inès']);

    await receive(dep, file);
    expect(await rowsOf(dep, 'PIAL-A')).toEqual(await rowsOf(pial, 'PIAL-A'));
    expect(await rowsOf(dep, 'PIAL-B')).toEqual(otherBefore);
  });

  it('deletes a pupil the pôle removed, with their notification, and is undone as one change', async () => {
    const pial = await record();
    await receive(pial, await packageOf(dep, 'PIAL-A'));
    const pa2 = (await pial.api('pupils.list', {})).find((p) => p.identifier === 'PA2')!;
    const xa2 = (await pial.api('aesh.list', {})).find((a) => a.matricule === 'XA2')!;
    for (const slot of await pial.api('slots.list', { aeshId: xa2.id })) await pial.api('slots.delete', { id: slot.id });
    await pial.api('pupils.delete', { id: pa2.id });
    const before = readBack((await dep.api('exchange.export', { kind: 'record' })).dataBase64);

    const file = await packageOf(pial, 'PIAL-A');
    expect(counts(await dep.api('packages.preview', file))).toMatchObject({ 'Élèves': [0, 0, 1, 1], 'Notifications': [0, 0, 1, 1], 'Créneaux': [0, 0, 1, 1] });
    const { changeId } = await receive(dep, file);
    expect((await dep.api('pupils.list', {})).map((p) => p.identifier)).toEqual(['PA1', 'PB1']);

    await dep.api('journal.undo', { changeId });
    expect(readBack((await dep.api('exchange.export', { kind: 'record' })).dataBase64)).toEqual(before);
  });

  it('refuses a package that is not one, and its own record’s package', async () => {
    await expect(dep.api('packages.preview', { fileName: 'departement.xlsx', dataBase64: department() })).rejects.toThrow('Ce fichier n’est pas un paquet');
    const own = await packageOf(dep, 'PIAL-A');
    expect((await dep.api('packages.preview', own)).ownRecord).toBe(true);
    await expect(receive(dep, own)).rejects.toThrow('Ce paquet a été fait depuis ce dossier-ci');
  });
});

describe('conflicts', () => {
  /** The département and PIAL-A, in step after a first round trip; then each changes Hugo. */
  async function bothChangeHugo(): Promise<{ pial: TestRecord; file: { fileName: string; dataBase64: string }; preview: PackagePreview }> {
    const pial = await record();
    await receive(pial, await packageOf(dep, 'PIAL-A'));
    await receive(dep, await packageOf(pial, 'PIAL-A'));
    const header = ['Identifiant', 'Nom', 'Prénom', 'UAI', 'Niveau', 'Classe'];
    await importFile(dep, { 'Élèves': [header, ['PA2', 'Petit', 'Hugo', SA, 'CP', 'CP C']] });
    await importFile(pial, { 'Élèves': [header, ['PA2', 'Petit', 'Hugo', SA, 'CE1', 'CE1 A']] });
    const file = await packageOf(pial, 'PIAL-A');
    return { pial, file, preview: await dep.api('packages.preview', file) };
  }

  it('lists a row changed here since the last package from that record, with both versions', async () => {
    const { preview } = await bothChangeHugo();
    expect(preview.lastReceived).toBe(FIXED_NOW.toISOString());
    expect(preview.conflicts).toEqual([{
      id: 'pupils|PA2', sheet: 'Élèves', row: 'Élève PA2 — Petit Hugo', here: 'modifiée', change: 'modification',
      fields: expect.arrayContaining([
        { label: 'Niveau', here: 'CP', package: 'CE1', differs: true },
        { label: 'Classe', here: 'CP C', package: 'CE1 A', differs: true },
        { label: 'Nom', here: 'Petit', package: 'Petit', differs: false },
      ]) as unknown,
    }]);
  });

  it('writes nothing while a conflict is unresolved', async () => {
    const { file } = await bothChangeHugo();
    await expect(receive(dep, file)).rejects.toThrow('Un conflit n’est pas résolu : choisissez pour chaque ligne la version à garder');
    expect((await dep.api('pupils.list', {})).find((p) => p.identifier === 'PA2')).toMatchObject({ level: 'CP', className: 'CP C' });
  });

  it('keeps the version chosen: the package’s, or the one here (asked again if the next package still differs)', async () => {
    const { file } = await bothChangeHugo();
    await dep.api('packages.import', { ...file, choices: { 'pupils|PA2': 'here' } });
    expect((await dep.api('pupils.list', {})).find((p) => p.identifier === 'PA2')).toMatchObject({ level: 'CP', className: 'CP C' });
    const again = await dep.api('packages.preview', file);
    expect(again.conflicts.map((c) => c.id)).toEqual(['pupils|PA2']);
    await dep.api('packages.import', { ...file, choices: { 'pupils|PA2': 'package' } });
    expect((await dep.api('pupils.list', {})).find((p) => p.identifier === 'PA2')).toMatchObject({ level: 'CE1', className: 'CE1 A' });
    expect((await dep.api('packages.preview', file)).conflicts).toEqual([]);
  });
});

describe('undoing a package’s import', () => {
  it('brings back the memory of the package received before, so the rows it restored ask no question', async () => {
    const pial = await record();
    const first = await receive(pial, await packageOf(dep, 'PIAL-A'));
    await pial.api('journal.undo', { changeId: first.changeId });
    expect((await pial.api('packages.preview', await packageOf(dep, 'PIAL-A'))).lastReceived).toBeNull();
    await receive(pial, await packageOf(dep, 'PIAL-A'));
    await receive(dep, await packageOf(pial, 'PIAL-A'));

    // The PIAL moves Hugo to CE1; the département receives it, then undoes it: Hugo is in CP again.
    await importFile(pial, { 'Élèves': [['Identifiant', 'Nom', 'Prénom', 'UAI', 'Niveau', 'Classe'], ['PA2', 'Petit', 'Hugo', SA, 'CE1', 'CE1 A']] });
    const file = await packageOf(pial, 'PIAL-A');
    const { changeId } = await receive(dep, file);
    const undone = await dep.api('journal.undo', { changeId });
    expect((await dep.api('pupils.list', {})).find((p) => p.identifier === 'PA2')).toMatchObject({ level: 'CP' });
    const again = await dep.api('packages.preview', file);
    expect(again.conflicts).toEqual([]);
    expect(counts(again)).toMatchObject({ 'Élèves': [0, 1, 1, 0] });

    // Redone, the import is remembered again: the same package changes nothing.
    await dep.api('journal.undo', { changeId: undone.changeId });
    expect(counts(await dep.api('packages.preview', file))).toMatchObject({ 'Élèves': [0, 0, 2, 0] });
  });
});

describe('choices that depend on each other', () => {
  /** In step after a round trip; then the département deletes Hugo while the PIAL changes his class. */
  async function hugoDeletedHere(): Promise<{ file: { fileName: string; dataBase64: string }; preview: PackagePreview }> {
    const pial = await record();
    await receive(pial, await packageOf(dep, 'PIAL-A'));
    await receive(dep, await packageOf(pial, 'PIAL-A'));
    const hugo = (await dep.api('pupils.list', {})).find((p) => p.identifier === 'PA2')!;
    await dep.api('pupils.delete', { id: hugo.id });
    await importFile(pial, { 'Élèves': [['Identifiant', 'Nom', 'Prénom', 'UAI', 'Niveau', 'Classe'], ['PA2', 'Petit', 'Hugo', SA, 'CE1', 'CE1 A']] });
    const file = await packageOf(pial, 'PIAL-A');
    return { file, preview: await dep.api('packages.preview', file) };
  }

  it('refuses, naming both rows, a row taken from the package whose parent is kept deleted here, and writes nothing', async () => {
    const { file, preview } = await hugoDeletedHere();
    expect(preview.conflicts.find((c) => c.id === 'pupils|PA2')).toMatchObject({ here: 'supprimée', change: 'création' });
    const notification = preview.conflicts.find((c) => c.id.startsWith('notifications|PA2|'))!;
    expect(notification).toMatchObject({ here: 'supprimée', row: 'Notification mutualisée de l’élève PA2 du 01/09/2026' });
    const choices = Object.fromEntries(preview.conflicts.map((c) => [c.id, c.id === 'pupils|PA2' ? 'here' as const : 'package' as const]));
    const before = readBack((await dep.api('exchange.export', { kind: 'record' })).dataBase64);
    const refused = dep.api('packages.import', { ...file, choices });
    await expect(refused).rejects.toThrow('Choix incompatibles : « Notification mutualisée de l’élève PA2 du 01/09/2026 » (version du paquet) a besoin de « Élève PA2 — Petit Hugo »');
    await expect(refused).rejects.not.toThrow(/constraint|SQLITE/i);
    expect(readBack((await dep.api('exchange.export', { kind: 'record' })).dataBase64)).toEqual(before);
  });

  it('writes consistent choices: all kept here (Hugo stays deleted), or all from the package (Hugo comes back)', async () => {
    const { file, preview } = await hugoDeletedHere();
    await dep.api('packages.import', { ...file, choices: Object.fromEntries(preview.conflicts.map((c) => [c.id, 'here' as const])) });
    expect((await dep.api('pupils.list', {})).map((p) => p.identifier)).toEqual(['PA1', 'PB1']);
    const again = await dep.api('packages.preview', file);
    await dep.api('packages.import', { ...file, choices: Object.fromEntries(again.conflicts.map((c) => [c.id, 'package' as const])) });
    expect((await dep.api('pupils.list', {})).find((p) => p.identifier === 'PA2')).toMatchObject({ level: 'CE1', currentKind: 'shared' });
  });
});

describe('a package given to the ordinary import', () => {
  it('is named as a package of its pôle in the preview, and refused there', async () => {
    const file = await packageOf(dep, 'PIAL-A');
    const pial = await record();
    const preview = await pial.api('exchange.preview', file);
    expect(preview.problems[0]).toBe('Ce fichier est un paquet du pôle PIAL-A : importez-le comme paquet (Import / Export → Paquets), qui applique aussi ses suppressions et montre les conflits. L’import ordinaire ne l’écrit pas.');
    // The screen's Importer button stays disabled on it.
    expect(preview.packageOf).toBe('PIAL-A');
    const ordinary = await dep.api('exchange.export', { kind: 'record' });
    expect((await pial.api('exchange.preview', { fileName: 'base.xlsx', dataBase64: ordinary.dataBase64 })).packageOf).toBeNull();
    await expect(pial.api('exchange.import', file)).rejects.toThrow('Ce fichier est un paquet du pôle PIAL-A');
    expect(await pial.api('pupils.list', {})).toEqual([]);
  });
});

describe('the département merging its pôles', () => {
  /**
   * PIAL-A and PIAL-B each work on their own record: A changes Léa's hours and lets Paul (XA2)
   * go; B takes Paul on, with a week in its school. The département receives both packages.
   */
  async function twoPoles(): Promise<{ a: TestRecord; b: TestRecord; fileA: { fileName: string; dataBase64: string }; fileB: { fileName: string; dataBase64: string } }> {
    const a = await record();
    const b = await record();
    await receive(a, await packageOf(dep, 'PIAL-A'));
    await receive(b, await packageOf(dep, 'PIAL-B'));
    await importFile(a, { 'Notifications': [['Identifiant élève', 'Type', 'Heures hebdomadaires', 'Début', 'Fin'], ['PA1', 'individuelle', 12, d('2026-09-01'), d('2027-08-31')]] });
    const xa2 = (await a.api('aesh.list', {})).find((x) => x.matricule === 'XA2')!;
    for (const slot of await a.api('slots.list', { aeshId: xa2.id })) await a.api('slots.delete', { id: slot.id });
    await a.api('aesh.delete', { id: xa2.id });
    await importFile(b, {
      'AESH': [['Matricule', 'Nom', 'Prénom', 'Pôle', 'Contrat', 'Début contrat', 'Fin contrat', 'Heures hebdomadaires'], ['XA2', 'Blanc', 'Paul', 'PIAL-B', 'CDI', d('2024-09-01'), null, 20]],
      'Créneaux': [['Matricule', 'UAI', 'Jour', 'Début', 'Fin', 'Élèves'], ['XA2', SB, 'vendredi', '09:00', '11:00', 'PB1']],
    });
    return { a, b, fileA: await packageOf(a, 'PIAL-A'), fileB: await packageOf(b, 'PIAL-B') };
  }

  it('ends with exactly the union of the pôles’ work, whichever package comes first; the moved AESH ends in B', async () => {
    const { a, b, fileA, fileB } = await twoPoles();
    const other = await record();
    await other.api('exchange.import', { fileName: 'departement.xlsx', dataBase64: department() });

    await receive(dep, fileA);
    await receive(dep, fileB);
    await receive(other, fileB);
    await receive(other, fileA);

    for (const merged of [dep, other]) {
      expect(await rowsOf(merged, 'PIAL-A')).toEqual(await rowsOf(a, 'PIAL-A'));
      expect(await rowsOf(merged, 'PIAL-B')).toEqual(await rowsOf(b, 'PIAL-B'));
      expect((await merged.api('aesh.list', {})).find((x) => x.matricule === 'XA2')).toMatchObject({ poleCode: 'PIAL-B' });
    }
    expect(readBack((await dep.api('exchange.export', { kind: 'record' })).dataBase64))
      .toEqual(readBack((await other.api('exchange.export', { kind: 'record' })).dataBase64));
  });

  it('refuses a package holding rows of another pôle, and writes nothing', async () => {
    const tampered = workbook({
      'Paquet': [['Paquet Planif AESH', ''], ['Pôle', 'PIAL-A'], ['Nom du pôle', 'PIAL d’Apt'], ['Dossier d’origine', 'autre'], ['Horodatage', '2026-11-23T08:00:00.000Z']],
      'AESH': [['Matricule', 'Nom', 'Prénom', 'Pôle'], ['XB1', 'Noir', 'Anne', 'PIAL-A'], ['XB9', 'Vert', 'Luc', 'PIAL-B']],
    });
    const preview = await dep.api('packages.preview', { fileName: 'paquet.xlsx', dataBase64: tampered });
    expect(preview.refusals).toEqual(['AESH : AESH XB9 — Vert Luc n’est pas du pôle PIAL-A (un paquet ne porte que son pôle).']);
    await expect(receive(dep, { fileName: 'paquet.xlsx', dataBase64: tampered })).rejects.toThrow('Paquet non importé');
  });
});

describe('a PAS’s package', () => {
  it('carries its saisines with their steps, and deletes a step the PAS removed', async () => {
    const SC = makeUai('0840003');
    await importFile(dep, {
      'Pôles': [['Code', 'Nom', 'Type'], ['PAS-C', 'PAS de Carpentras', 'PAS']],
      'Établissements': [['UAI', 'Nom', 'Type', 'Commune', 'Pôle'], [SC, 'Collège Vallès', 'collège', 'Carpentras', 'PAS-C']],
      'Saisines': [
        ['Numéro', 'Pôle', 'Reçue le', 'Origine', 'Nom', 'Prénom', 'UAI', 'Nature', 'Statut'],
        ['2026-001', 'PAS-C', d('2026-10-05'), 'famille', 'Morel', 'Léo', SC, 'difficultés d’apprentissage', 'en recueil'],
      ],
      'Étapes': [['Saisine', 'Étape', 'Date'], ['2026-001', 1, d('2026-10-05')], ['2026-001', 2, d('2026-10-12')]],
    });
    const pas = await record();
    const sent = await receive(pas, await packageOf(dep, 'PAS-C'));
    expect(counts(sent)).toMatchObject({ 'Saisines': [1, 0, 0, 0], 'Étapes': [2, 0, 0, 0] });
    expect(await rowsOf(pas, 'PAS-C')).toEqual(await rowsOf(dep, 'PAS-C'));

    const [saisine] = await pas.api('saisines.list', {});
    const { steps } = await pas.api('saisines.get', { id: saisine!.id });
    await pas.api('saisineSteps.delete', { id: steps.find((st) => st.step === 2)!.id });
    const back = await dep.api('packages.preview', await packageOf(pas, 'PAS-C'));
    expect(counts(back)).toMatchObject({ 'Saisines': [0, 0, 1, 0], 'Étapes': [0, 0, 1, 1] });
    await receive(dep, await packageOf(pas, 'PAS-C'));
    expect(await rowsOf(dep, 'PAS-C')).toEqual(await rowsOf(pas, 'PAS-C'));
  });
});

describe('a pupil followed by a PAS', () => {
  /** Hugo (PA2, PIAL-A) is followed by a saisine of the PAS of Carpentras. */
  async function followedHugo(): Promise<number> {
    await importFile(dep, {
      'Pôles': [['Code', 'Nom', 'Type'], ['PAS-C', 'PAS de Carpentras', 'PAS']],
      'Saisines': [
        ['Numéro', 'Pôle', 'Reçue le', 'Origine', 'Identifiant élève', 'UAI', 'Nature', 'Statut'],
        ['2026-001', 'PAS-C', d('2026-10-05'), 'famille', 'PA2', SA, 'difficultés d’apprentissage', 'en recueil'],
      ],
    });
    const hugo = (await dep.api('pupils.list', {})).find((p) => p.identifier === 'PA2')!;
    expect((await dep.api('saisines.list', {}))[0]).toMatchObject({ pupilId: hugo.id });
    return hugo.id;
  }

  it('is unlinked from the saisine by a journaled change when deleted, the saisine kept', async () => {
    const hugo = await followedHugo();
    await dep.api('pupils.delete', { id: hugo });
    expect((await dep.api('saisines.list', {}))[0]).toMatchObject({ number: '2026-001', pupilId: null });
    const [deletion, unlink] = await dep.api('journal.list', { limit: 2 });
    expect([deletion!.entity, deletion!.action, unlink!.entity, unlink!.action]).toEqual(['pupils', 'delete', 'saisines', 'update']);
    expect(unlink).toMatchObject({ changeId: deletion!.changeId, before: { pupilId: hugo }, after: { pupilId: null } });
  });

  it('gets the saisine back when the package that deleted them is undone', async () => {
    const hugo = await followedHugo();
    const pial = await record();
    await receive(pial, await packageOf(dep, 'PIAL-A'));
    const inPial = (await pial.api('pupils.list', {})).find((p) => p.identifier === 'PA2')!;
    const xa2 = (await pial.api('aesh.list', {})).find((a) => a.matricule === 'XA2')!;
    for (const slot of await pial.api('slots.list', { aeshId: xa2.id })) await pial.api('slots.delete', { id: slot.id });
    await pial.api('pupils.delete', { id: inPial.id });

    const { changeId } = await receive(dep, await packageOf(pial, 'PIAL-A'));
    expect((await dep.api('saisines.list', {}))[0]).toMatchObject({ pupilId: null });
    await dep.api('journal.undo', { changeId });
    expect((await dep.api('saisines.list', {}))[0]).toMatchObject({ pupilId: hugo });
  });
});

describe('encryption', () => {
  // Encrypting and decrypting an xlsx derives its key slowly, on purpose: the package is encrypted
  // once for the tests below, and the command line's runs that read it go side by side.
  const PHRASE = 'phrase de passe du paquet';
  let encrypted: Promise<{ fileName: string; dataBase64: string }> | undefined;
  const encryptedPackage = (): Promise<{ fileName: string; dataBase64: string }> => (encrypted ??= packageOf(dep, 'PIAL-A', PHRASE));

  it('round-trips a package encrypted with a passphrase, which is asked for and checked', async () => {
    const file = await encryptedPackage();
    expect([...Buffer.from(file.dataBase64, 'base64').subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    const pial = await record();
    await expect(pial.api('packages.preview', file)).rejects.toThrow('Ce paquet est chiffré : saisissez la phrase de passe');
    await expect(pial.api('packages.preview', { ...file, passphrase: 'une autre phrase' })).rejects.toThrow('Phrase de passe incorrecte');
    // The ordinary import refuses it in French, not with SheetJS's English.
    const ordinary = pial.api('exchange.preview', file);
    await expect(ordinary).rejects.toThrow('Ce fichier est chiffré : « planif-aesh-paquet-PIAL-A-2026-11-23.xlsx » est protégé par un mot de passe. S’il s’agit d’un paquet d’un pôle, importez-le depuis Import / Export → Paquets');
    await expect(ordinary).rejects.not.toThrow(/password|encrypt/i);
    await pial.api('packages.import', { ...file, passphrase: PHRASE, choices: {} });
    expect(await rowsOf(pial, 'PIAL-A')).toEqual(await rowsOf(dep, 'PIAL-A'));
  });

  /** A CLI process, not waited for: the two runs go side by side. */
  const cli = (...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> => new Promise((resolve) => {
    execFile(process.execPath, ['electron/cli/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, PLANIF_PASSPHRASE: '' } }, (error, stdout, stderr) => {
      resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr });
    });
  });

  /** The package commands run in this process over a record's API (a CLI process costs seconds): what they print, and their exit code. */
  async function command(run: (call: ApiCall, usage: (message: string) => Error) => Promise<number>, r: TestRecord): Promise<{ status: number; stdout: string }> {
    const printed = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const status = await run(r.api, (message) => new Error(message));
      return { status, stdout: printed.mock.calls.map((c) => String(c[0])).join('\n') };
    } finally {
      printed.mockRestore();
    }
  }

  it('exports an encrypted package from the command line, previews it with --dry-run, then imports it', async () => {
    const dir = tempDir();
    const [depDb, pialDb, phrase, out, received] = ['dep.db', 'pial.db', 'phrase', 'paquet.xlsx', 'recu.xlsx'].map((f) => join(dir, f)) as [string, string, string, string, string];
    const onDisk = await openTestRecord(depDb);
    await onDisk.api('exchange.import', { fileName: 'departement.xlsx', dataBase64: department() });
    await onDisk.host.close();
    writeFileSync(phrase, `${PHRASE}\n`);
    writeFileSync(received, Buffer.from((await encryptedPackage()).dataBase64, 'base64'));
    const args = { pole: undefined, out: undefined, file: received, passphraseFile: undefined, keep: undefined, dryRun: false, json: false };

    const [made, done] = await Promise.all([
      cli('export', 'package', '--pole', 'PIAL-A', '--out', out, '--package-passphrase-file', phrase, '--db', depDb),
      cli('import', 'package', received, '--package-passphrase-file', phrase, '--db', pialDb, '--json'),
    ]);
    expect(made.stdout).toContain('Paquet du pôle PIAL-A écrit dans');
    expect(made.stdout).toContain('chiffré avec la phrase de passe donnée');
    expect(made.stdout).toContain('données personnelles de santé');
    expect(made.status).toBe(0);
    expect([...readFileSync(out).subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    expect(done.status).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ written: true, header: { pole: 'PIAL-A' } });

    const pial = await record();
    await expect(command((call, usage) => importPackageCommand(call, args, usage), pial)).rejects.toThrow('Ce paquet est chiffré');
    const dry = await command((call, usage) => importPackageCommand(call, { ...args, passphraseFile: phrase, dryRun: true }, usage), pial);
    expect(dry.stdout).toContain('Élèves : 2 créés, 0 modifié, 0 inchangé, 0 supprimé');
    expect(dry.stdout).toContain('Rien n’a été écrit.');
    expect(await pial.api('pupils.list', {})).toEqual([]);
    await expect(command((call, usage) => exportPackageCommand(call, { ...args, out }, usage), pial)).rejects.toThrow('export package attend --pole CODE');
  }, 120_000);
});
