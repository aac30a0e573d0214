// The record's protection in the browser: an encrypted record served with its passphrase, a
// damaged record met at start and replaced by its newest good backup; and no page ever breaks the
// Content-Security-Policy.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppInChromium, SCREENSHOTS } from '../support/browser.ts';
import { openTestRecord, tempDir } from '../support/record.ts';

const PASSPHRASE = 'phrase de passe du test de bout en bout';

async function record(path: string, passphrase?: string): Promise<void> {
  const { api, host } = await openTestRecord(path, { passphrase, now: () => new Date() });
  await api('app.seedDemo', { scale: 'small', seed: 3 });
  await api('backups.create', {});
  await host.close();
}

describe('the record’s protection in the browser', () => {
  it('refuses to start on an encrypted record without its passphrase, and serves it with PLANIF_PASSPHRASE', async () => {
    const db = join(tempDir(), 'chiffree.db');
    await record(db, PASSPHRASE);
    const refused = spawnSync(process.execPath, ['electron/browser/main.ts', '--db', db], { encoding: 'utf8', env: { ...process.env, PLANIF_PASSPHRASE: '' } });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/est chiffrée, ou n'est pas une base Planif AESH lisible/);

    const opened = await openAppInChromium(db, undefined, { PLANIF_PASSPHRASE: PASSPHRASE });
    const violations: string[] = [];
    opened.page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
    try {
      const { page } = opened;
      await page.getByRole('navigation').getByRole('button', { name: 'Tableau de bord', exact: true }).click();
      await page.getByRole('figure', { name: 'Couverture par pôle' }).locator('svg').first().waitFor();
      await page.getByRole('navigation').getByRole('button', { name: 'Paramètres', exact: true }).click();
      const section = page.getByRole('region', { name: 'Protection de la base' });
      await section.getByText('Base chiffrée (SQLCipher), ouverte avec sa phrase de passe.').waitFor();
      // The one taken before, the one taken at this start.
      await expect(section.getByRole('table', { name: 'Sauvegardes' }).getByRole('row').count()).resolves.toBe(3);
      await section.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, 'protection-settings.png') });
      expect(violations).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it('offers the newest good backup instead of a damaged record, and opens the app once it is restored', async () => {
    const db = join(tempDir(), 'abimee.db');
    await record(db);
    const fd = openSync(db, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(statSync(db).size / 4096 / 2) * 4096);
    closeSync(fd);
    const opened = await openAppInChromium(db);
    try {
      const { page } = opened;
      const region = page.getByRole('region', { name: 'Base endommagée' });
      await region.getByText(/Sauvegarde saine la plus récente/).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'protection-damaged.png') });
      await region.getByRole('button', { name: 'Restaurer cette sauvegarde' }).click();
      await region.getByRole('button', { name: 'Oui, restaurer' }).click();
      await page.getByRole('navigation').waitFor();
      await page.getByRole('group', { name: 'élèves notifiés' }).waitFor();
    } finally {
      await opened.close();
    }
  });
});
