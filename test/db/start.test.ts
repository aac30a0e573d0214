import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../../electron/browser/server.ts';
import { tempDir } from '../support/record.ts';

// A newcomer's first `npm start`: a fresh checkout, no dist/, straight to the browser mode.
const repository = join(import.meta.dirname, '..', '..');
const clone = tempDir();
let child: ChildProcess | undefined;

/**
 * The working tree as a clone would hold it, with the current edits: the files git tracks or would
 * track (not dist/, nor anything ignored), and the repository's node_modules linked in place of
 * `npm install`.
 */
function cloneWorkingTree(): void {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repository, encoding: 'utf8' });
  for (const file of files.split('\0')) {
    // A tracked file deleted in the working tree is not part of it.
    if (file === '' || !existsSync(join(repository, file))) continue;
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    cpSync(join(repository, file), join(clone, file));
  }
  symlinkSync(join(repository, 'node_modules'), join(clone, 'node_modules'), 'dir');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves with the address `npm start` prints, or rejects with its output if it stops first. */
function printedAddress(started: ChildProcess): Promise<URL> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`npm start n’a pas affiché d’adresse :\n${output}`)), 45_000);
    started.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Ouvrez (http:\/\/\S+)/.exec(output);
      if (match?.[1] === undefined) return;
      clearTimeout(timer);
      resolve(new URL(match[1]));
    });
    started.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    started.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start s’est arrêté (${code}) :\n${output}`));
    });
  });
}

afterAll(async () => {
  // npm runs the app in a child of its own: the whole process group is stopped.
  if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
  // The link first, so that removing the clone cannot reach the repository's node_modules.
  if (existsSync(join(clone, 'node_modules')) && lstatSync(join(clone, 'node_modules')).isSymbolicLink()) unlinkSync(join(clone, 'node_modules'));
  rmSync(clone, { recursive: true, force: true });
});

describe('npm start from a fresh clone', () => {
  it('builds the interface, serves it and answers the API, without a prior npm run build', async () => {
    cloneWorkingTree();
    expect(existsSync(join(clone, 'dist'))).toBe(false);
    const port = await freePort();
    const db = join(tempDir(), 'record.db');
    // Without PLANIF_TOKEN (a random one is printed); --browser even where Electron is installed.
    const env = { ...process.env };
    delete env.PLANIF_TOKEN;
    child = spawn('npm', ['start', '--', '--browser', '--db', db, '--port', String(port)], { cwd: clone, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const address = await printedAddress(child);
    expect(address.origin).toBe(`http://127.0.0.1:${port}`);

    const page = await fetch(new URL('/', address));
    expect(page.status).toBe(200);
    const html = await page.text();
    const script = /<script type="module"[^>]* src="([^"]+\.js)"/.exec(html)?.[1];
    expect(script, html).toBeDefined();
    const asset = await fetch(new URL(script!, address));
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect((await asset.text()).length).toBeGreaterThan(10_000);

    const token = new URLSearchParams(address.hash.slice(1)).get('token')!;
    const info = await fetch(new URL('/api/app.info', address), { method: 'POST', headers: { [TOKEN_HEADER]: token }, body: '{}' });
    expect(await info.json()).toMatchObject({ ok: true, value: { counts: { pupils: 0 } } });
  }, 55_000);
});
