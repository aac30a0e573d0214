// `npm start` without an Electron binary: serve the app on 127.0.0.1 until stopped.
//   node electron/browser/main.ts [--db PATH] [--port N] [--passphrase-file FILE]
// PLANIF_TOKEN, when set, replaces the random token (at least 32 random bytes in hexadecimal).
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { defaultDatabasePath } from '../paths.ts';
import { passphraseFrom } from '../record/passphrase.ts';
import { startHostThread } from '../record/remote.ts';
import { startBrowserServer, weakTokenReason } from './server.ts';

export const RENDERER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'renderer');

export async function runBrowserMode(argv: string[]): Promise<void> {
  const started = performance.now();
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' }, port: { type: 'string' }, 'passphrase-file': { type: 'string' } } });
  const token = process.env.PLANIF_TOKEN;
  // Refused before the record is opened: a usage error, as on the command line.
  const weak = token === undefined ? null : weakTokenReason(token);
  if (weak !== null) {
    console.error(weak);
    process.exitCode = 2;
    return;
  }
  const path = values.db ?? defaultDatabasePath();
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  // A damaged record still starts: the page offers its newest good backup. The record lives in a
  // worker thread, so that this thread serves the page while an import or an export runs.
  const host = await startHostThread({
    path, actor: userInfo().username, passphrase: passphraseFrom(values['passphrase-file']), interactive: false, backupAtStart: true,
    program: 'Planif AESH — mode navigateur',
  });
  if (host.plainNotice !== null) console.error(host.plainNotice);
  const server = await startBrowserServer({
    call: host.call,
    staticDir: RENDERER_DIR,
    port: values.port === undefined ? 0 : Number(values.port),
    token,
  });
  console.log(`Planif AESH (mode navigateur) — base : ${path}${host.state.encrypted ? ' (chiffrée)' : ''}`);
  if (host.state.status === 'damaged') console.log(host.state.message);
  console.log(`Ouvrez ${server.url}`);
  console.log(`Prêt en ${Math.round(performance.now() - started)} ms. Ctrl+C pour arrêter.`);
  const stop = (): void => {
    void server.close().then(() => host.close()).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runBrowserMode(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
