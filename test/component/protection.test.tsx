// The record's protection as the user meets it: the passphrase asked before anything else, a
// damaged record replaced by its newest good backup, encryption and backups in Paramètres.
import { screen, waitFor, within } from '@testing-library/react';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileState } from '../../db/connection.ts';
import type { KeyStore } from '../../electron/record/host.ts';
import { openTestRecord, seedBasics, tempDir } from '../support/record.ts';
import { goTo, renderApp } from './render.tsx';

const PASSPHRASE = 'une phrase de passe de test';
const noKeychain: KeyStore = { available: () => false, read: () => null, write: () => undefined };
let tick = Date.parse('2026-11-23T08:00:00Z');
/** A clock that moves a minute at every reading: every backup gets its own name. */
const moving = (): Date => new Date((tick += 60_000));

async function encryptedRecord(): Promise<string> {
  const path = join(tempDir(), 'record.db');
  const { api, host } = await openTestRecord(path, { passphrase: PASSPHRASE });
  await seedBasics(api);
  await host.close();
  return path;
}

describe('the passphrase, before anything else', () => {
  it('is asked for an encrypted record without a keychain; a wrong one is refused in French, the right one opens the app', async () => {
    const path = await encryptedRecord();
    const { user } = await renderApp(undefined, path, { keyStore: noKeychain, interactive: true });
    const form = await screen.findByRole('form', { name: 'Ouvrir la base chiffrée' });
    expect(screen.queryByRole('navigation')).toBeNull();
    await user.type(within(form).getByLabelText('Phrase de passe'), 'pas la bonne');
    await user.click(within(form).getByRole('button', { name: 'Ouvrir' }));
    expect((await within(form).findByRole('alert')).textContent).toMatch(/^Phrase de passe incorrecte pour la base/);
    expect(within(form).getByLabelText<HTMLInputElement>('Phrase de passe').value).toBe('');
    await user.type(within(form).getByLabelText('Phrase de passe'), PASSPHRASE);
    await user.click(within(form).getByRole('button', { name: 'Ouvrir' }));
    await screen.findByRole('navigation');
    await goTo(user, 'Élèves');
    expect(await screen.findByText('Martin')).toBeTruthy();
    expect(screen.queryByRole('complementary', { name: 'Base non chiffrée' })).toBeNull();
  });

  it('is chosen, twice alike, at the first launch without a keychain, and the record is created encrypted', async () => {
    const path = join(tempDir(), 'new.db');
    const { user } = await renderApp(undefined, path, { keyStore: noKeychain, interactive: true });
    const form = await screen.findByRole('form', { name: 'Choisir la phrase de passe' });
    await user.type(within(form).getByLabelText('Phrase de passe'), PASSPHRASE);
    await user.type(within(form).getByLabelText('Phrase de passe, une seconde fois'), `${PASSPHRASE}!`);
    await user.click(within(form).getByRole('button', { name: 'Créer la base chiffrée' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('Les deux saisies diffèrent.');
    await user.clear(within(form).getByLabelText('Phrase de passe, une seconde fois'));
    await user.type(within(form).getByLabelText('Phrase de passe, une seconde fois'), PASSPHRASE);
    await user.click(within(form).getByRole('button', { name: 'Créer la base chiffrée' }));
    expect(await screen.findByRole('button', { name: 'Commencer avec une base vide' })).toBeTruthy();
    expect(fileState(path)).toBe('encrypted');
  });
});

describe('a damaged record', () => {
  it('is not opened: its newest good backup is offered, and restored after confirmation', async () => {
    const path = join(tempDir(), 'record.db');
    const first = await openTestRecord(path, { now: moving });
    await seedBasics(first.api);
    const good = await first.api('backups.create', {});
    await first.host.close();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(statSync(path).size / 4096 / 2) * 4096);
    closeSync(fd);

    const { user } = await renderApp(undefined, path, { now: moving, backupAtStart: true });
    const region = await screen.findByRole('region', { name: 'Base endommagée' });
    expect(within(region).getByRole('alert').textContent).toMatch(/est endommagée \(integrity_check/);
    expect(region.textContent).toContain(good.name);
    await user.click(within(region).getByRole('button', { name: 'Restaurer cette sauvegarde' }));
    await user.click(within(region).getByRole('button', { name: 'Oui, restaurer' }));
    await screen.findByRole('navigation');
    await goTo(user, 'Élèves');
    expect(await screen.findByText('Martin')).toBeTruthy();
  });
});

describe('Paramètres › Protection de la base', () => {
  it('says above every screen that a plain record is not encrypted, until it is encrypted with a passphrase chosen twice', async () => {
    const path = join(tempDir(), 'plain.db');
    const { user, api } = await renderApp((a) => seedBasics(a), path, { now: moving });
    const banner = await screen.findByRole('complementary', { name: 'Base non chiffrée' });
    expect(banner.textContent).toContain(`Le fichier ${path} contient des données de santé d’élèves et se lit sans phrase de passe`);
    await goTo(user, 'Élèves');
    expect(screen.getByRole('complementary', { name: 'Base non chiffrée' })).toBeTruthy();
    await user.click(within(screen.getByRole('complementary', { name: 'Base non chiffrée' })).getByRole('button', { name: 'Chiffrer la base…' }));
    const form = await screen.findByRole('form', { name: 'Chiffrer la base' });
    await user.type(within(form).getByLabelText('Phrase de passe'), PASSPHRASE);
    await user.type(within(form).getByLabelText('Une seconde fois'), PASSPHRASE);
    await user.click(within(form).getByRole('button', { name: 'Chiffrer la base' }));
    expect(await screen.findByText(/Base chiffrée \(SQLCipher\), ouverte avec sa phrase de passe/)).toBeTruthy();
    expect(screen.queryByRole('complementary', { name: 'Base non chiffrée' })).toBeNull();
    expect(fileState(path)).toBe('encrypted');
    expect((await api('pupils.list', {})).map((p) => p.lastName)).toEqual(['Martin']);
  });

  it('lists the backups, takes one on request, and restores one only after confirmation', async () => {
    const path = join(tempDir(), 'record.db');
    const { user, api } = await renderApp((a) => seedBasics(a), path, { now: moving });
    await goTo(user, 'Paramètres');
    await user.click(await screen.findByRole('button', { name: 'Sauvegarder maintenant' }));
    const table = await screen.findByRole('table', { name: 'Sauvegardes' });
    expect(within(table).getByText('à la demande')).toBeTruthy();
    expect(screen.getByText(/Les sauvegardes contiennent les mêmes données personnelles de santé que la base/)).toBeTruthy();

    await api('pupils.create', { identifier: '2025-0002', lastName: 'Roux', firstName: 'Tom', schoolId: 1 });
    await user.click(within(table).getByRole('button', { name: 'Restaurer' }));
    const confirm = screen.getByRole('group', { name: 'Confirmer la restauration' });
    await user.click(within(confirm).getByRole('button', { name: 'Annuler' }));
    expect((await api('pupils.list', {})).length).toBe(2);
    await user.click(within(table).getByRole('button', { name: 'Restaurer' }));
    await user.click(within(screen.getByRole('group', { name: 'Confirmer la restauration' })).getByRole('button', { name: 'Oui, restaurer' }));
    await waitFor(async () => expect((await api('pupils.list', {})).map((p) => p.lastName)).toEqual(['Martin']));
    expect(await within(await screen.findByRole('table', { name: 'Sauvegardes' })).findByText('avant une restauration')).toBeTruthy();
  });
});
