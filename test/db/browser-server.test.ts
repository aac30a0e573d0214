import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer, TOKEN_HEADER, type BrowserServer } from '../../electron/browser/server.ts';
import type { RecordConnection } from '../../db/connection.ts';
import { SCHEMA_VERSION } from '../../db/migrations/index.ts';
import type { RecordHost } from '../../electron/record/host.ts';
import { openTestRecord, tempDir } from '../support/record.ts';

let server: BrowserServer;
let connection: RecordConnection;
let host: RecordHost;
const staticDir = join(tempDir(), 'renderer');

beforeAll(async () => {
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Planif AESH</title>');
  writeFileSync(join(tempDir(), 'secret.txt'), 'secret');
  ({ connection, host } = await openTestRecord());
  server = await startBrowserServer({ handlers: host.handlers, staticDir });
});
afterAll(async () => {
  await server.close();
  await connection.close();
});

/** A raw HTTP request, so that the Host header can be forged as a rebinding page would. */
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
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#token=[0-9a-f]{48}$`));
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
    expect((await call('/../secret.txt')).status).toBe(404);
    expect((await call('/%2e%2e/secret.txt')).status).toBe(404);
  });
});
