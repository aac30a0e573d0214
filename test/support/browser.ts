// End-to-end support: the real browser-mode server in a child process, and Debian's Chromium
// driven by playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openTestRecord, tempDir } from './record.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(import.meta.dirname, '..', 'e2e', 'screenshots');

export interface RunningApp {
  url: string;
  startMs: number;
  stop(): Promise<void>;
}

/** Starts `npm start`'s browser mode on a fresh port; resolves when it prints the address. */
export function startApp(db: string, env: NodeJS.ProcessEnv = {}): Promise<RunningApp> {
  if (!existsSync(join('dist', 'renderer', 'index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build` first (npm test does).');
  }
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['electron/browser/main.ts', '--db', db], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start:\n${output}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Ouvrez (http:\/\/127\.0\.0\.1:\d+\/#token=\w+)/.exec(output);
      if (match?.[1] === undefined) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        startMs: performance.now() - started,
        stop: () => new Promise((done) => {
          child.once('exit', () => done());
          child.kill('SIGTERM');
        }),
      });
    });
    child.once('exit', (code) => reject(new Error(`the app exited with ${code}:\n${output}`)));
  });
}

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (.ci/run does).`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface AppInChromium {
  app: RunningApp;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** The browser-mode app on `db`, and a French Chromium page of a laptop's size open on it. */
export async function openAppInChromium(db: string, viewport = { width: 1440, height: 1000 }, env: NodeJS.ProcessEnv = {}): Promise<AppInChromium> {
  const app = await startApp(db, env);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport, locale: 'fr-FR' });
  await page.goto(app.url);
  return { app, browser, page, close: async () => { await browser.close(); await app.stop(); } };
}

/** The pôle with the most pupils without AESH today, as the services count them. */
export interface WorstPole { code: string; name: string; none: number }

/** The medium demo (seed 7) in a new record `name`.db, opened in Chromium, with its pôle most in need. */
export async function openMediumDemo(name: string): Promise<{ opened: AppInChromium; worst: WorstPole }> {
  const db = join(tempDir(), `${name}.db`);
  const { api, connection } = await openTestRecord(db);
  await api('app.seedDemo', { scale: 'medium', seed: 7 });
  // The browser mode runs on the machine's clock: its "today" is this one.
  const today = new Date().toISOString().slice(0, 10);
  const poles = (await api('indicators.get', { date: today })).poles.sort((a, b) => b.pupils.none - a.pupils.none);
  const worst = { code: poles[0]!.poleCode!, name: poles[0]!.poleName, none: poles[0]!.pupils.none };
  await connection.close();
  return { opened: await openAppInChromium(db), worst };
}
