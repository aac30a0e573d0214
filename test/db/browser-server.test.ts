import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer, TOKEN_HEADER, type BrowserServer } from '../../electron/browser/server.ts';
import type { RecordConnection } from '../../db/connection.ts';
import { SCHEMA_VERSION } from '../../db/migrations/index.ts';
import type { RecordHost } from '../../electron/record/host.ts';
import type { ApiCaller } from '../../electron/record/protocol.ts';
import { dispatch } from '../../shared/api/dispatch.ts';
import { openTestRecord, tempDir } from '../support/record.ts';

let server: BrowserServer;
let connection: RecordConnection;
let host: RecordHost;
/** The host in this process: the server's checks are the same whichever side answers its calls. */
const inProcess: ApiCaller = (method, input) => dispatch(host.handlers, method, input);
// The secrets sit where a traversal out of the served folder would land: beside it, and in a
// sibling whose name starts with the served folder's (which a bare prefix check would let through).
const base = tempDir();
const staticDir = join(base, 'renderer');

beforeAll(async () => {
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Planif AESH</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(join(base, 'secret.txt'), 'SECRET-BESIDE');
  mkdirSync(join(base, 'renderer-old'));
  writeFileSync(join(base, 'renderer-old', 'secret.txt'), 'SECRET-SIBLING');
  ({ connection, host } = await openTestRecord());
  server = await startBrowserServer({ call: inProcess, staticDir });
});
afterAll(async () => {
  await server.close();
  await connection.close();
});

/**
 * A raw HTTP request: the Host header can be forged as a rebinding page would, and the path is sent
 * byte for byte (Node's client neither resolves `..` nor re-encodes), as curl --path-as-is would.
 */
function call(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser mode', () => {
  it('listens on the loopback interface and prints an address with its token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#token=[0-9a-f]{64}$`));
  });

  it('answers API calls that carry the token', async () => {
    const response = await call('/api/app.info', { method: 'POST', headers: { [TOKEN_HEADER]: server.token }, body: '{}' });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, value: { schemaVersion: SCHEMA_VERSION, counts: { pupils: 0 } } });
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    expect((await call('/api/app.info', { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await call('/api/app.info', { method: 'POST', headers: { [TOKEN_HEADER]: 'x'.repeat(48) }, body: '{}' })).status).toBe(401);
  });

  it('refuses a foreign Host header, even with the token', async () => {
    const response = await call('/api/app.info', { method: 'POST', headers: { host: 'evil.example:80', [TOKEN_HEADER]: server.token }, body: '{}' });
    expect(response.status).toBe(403);
    expect((await call('/', { headers: { host: 'evil.example' } })).status).toBe(403);
  });

  it('validates the input with the method’s schema', async () => {
    const response = await call('/api/poles.create', { method: 'POST', headers: { [TOKEN_HEADER]: server.token }, body: JSON.stringify({ code: '', kind: 'ULIS' }) });
    const result = JSON.parse(response.body) as { ok: boolean; error: { kind: string; issues: { path: string }[] } };
    expect(result.ok).toBe(false);
    expect(result.error.kind).toBe('validation');
    expect(result.error.issues.map((i) => i.path).sort()).toEqual(['code', 'kind', 'name']);
  });

  it('refuses an unknown method and a body that is not JSON', async () => {
    const unknown = await call('/api/db.exec', { method: 'POST', headers: { [TOKEN_HEADER]: server.token }, body: '{}' });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { message: 'Méthode inconnue : db.exec' } });
    expect((await call('/api/app.info', { method: 'POST', headers: { [TOKEN_HEADER]: server.token }, body: '{nope' })).status).toBe(400);
  });

  it('serves the renderer but nothing outside its folder', async () => {
    expect((await call('/')).body).toContain('<title>Planif AESH</title>');
    expect(await call('/assets/app.js')).toEqual({ status: 200, body: 'console.log("app");' });
    expect(await call('/assets/..%2fassets%2fapp.js')).toEqual({ status: 200, body: 'console.log("app");' });
    const probes = [
      '/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/%2e%2e%2fsecret.txt', '/assets/..%2f..%2fsecret.txt',
      '/..%2frenderer-old%2fsecret.txt', '/../renderer-old/secret.txt',
    ];
    for (const probe of probes) {
      const response = await call(probe);
      expect({ probe, ...response }).toEqual({ probe, status: 404, body: 'Introuvable' });
    }
  });

  it('survives malformed addresses and answers the next request', async () => {
    expect((await call('//')).status).toBe(404);
    expect((await call('/%E0%A4%A')).status).toBe(400);
    expect((await call('/api/app.%E0%A4%A', { method: 'POST', headers: { [TOKEN_HEADER]: server.token }, body: '{}' })).status).toBe(400);
    expect((await call('/')).status).toBe(200);
    expect((await call('/api/app.info', { method: 'POST', headers: { [TOKEN_HEADER]: server.token }, body: '{}' })).status).toBe(200);
  });
});

describe('browser mode token', () => {
  const strong = 'ab'.repeat(32);

  it('refuses a token under 32 random bytes, an empty one first', async () => {
    for (const token of ['', 'x'.repeat(64), 'ab'.repeat(31)]) {
      await expect(startBrowserServer({ call: inProcess, staticDir, token })).rejects.toThrow(/au moins 64 chiffres hexadécimaux/);
    }
  });

  it('stops with exit code 2 on an empty or short PLANIF_TOKEN, before creating the record', () => {
    for (const token of ['', 'ab'.repeat(31)]) {
      const db = join(tempDir(), 'record.db');
      const run = spawnSync(process.execPath, ['electron/browser/main.ts', '--db', db], {
        encoding: 'utf8', env: { ...process.env, PLANIF_TOKEN: token }, timeout: 10_000,
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('PLANIF_TOKEN doit compter au moins 64 chiffres hexadécimaux');
      expect(existsSync(db)).toBe(false);
    }
  });

  it('serves with a PLANIF_TOKEN of 32 bytes, and only to that token', async () => {
    const child = spawn(process.execPath, ['electron/browser/main.ts', '--db', join(tempDir(), 'record.db')], {
      stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PLANIF_TOKEN: strong },
    });
    try {
      const address = await new Promise<URL>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /Ouvrez (\S+)/.exec(output);
          if (match?.[1] !== undefined) resolve(new URL(match[1]));
        });
        child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
        child.once('exit', (code) => reject(new Error(`exit ${code}: ${output}`)));
      });
      expect(address.hash).toBe(`#token=${strong}`);
      const api = (token: string): Promise<number> => fetch(new URL('/api/app.info', address), { method: 'POST', headers: { [TOKEN_HEADER]: token }, body: '{}' }).then((r) => r.status);
      expect(await api('')).toBe(401);
      expect(await api(strong)).toBe(200);
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  });
});
