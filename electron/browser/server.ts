// Browser mode: the same renderer and the same API as the Electron window, over HTTP on the
// loopback interface only. Every API call must carry the random token printed at start, and the
// Host header must name this server, so that neither another user's page nor a DNS-rebinding
// site can reach the record.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { ApiHandlers } from '../../shared/api/contract.ts';
import { dispatch } from '../../shared/api/dispatch.ts';

export const TOKEN_HEADER = 'x-planif-token';
// A 60 MB spreadsheet (the highest import limit of the settings) arrives as base64 inside JSON: about 80 MB.
const MAX_BODY_BYTES = 84 * 1024 * 1024;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.json': 'application/json',
};
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export interface BrowserServerOptions {
  handlers: ApiHandlers;
  staticDir: string;
  port?: number;
  token?: string;
}

export interface BrowserServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('Requête trop volumineuse.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as unknown);
}

function send(response: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type });
  response.end(body);
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const root = normalize(options.staticDir);
  let allowedHosts: string[] = [];

  const server = createServer((request, response) => {
    void (async () => {
      if (!allowedHosts.includes(request.headers.host ?? '')) return send(response, 403, JSON.stringify({ error: 'Hôte refusé.' }));
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname.startsWith('/api/')) {
        if (request.method !== 'POST') return send(response, 405, JSON.stringify({ error: 'POST attendu.' }));
        const given = request.headers[TOKEN_HEADER];
        if (!sameSecret(typeof given === 'string' ? given : undefined, token)) {
          return send(response, 401, JSON.stringify({ error: 'Jeton absent ou invalide.' }));
        }
        let input: unknown;
        try {
          input = await readBody(request);
        } catch (error) {
          return send(response, 400, JSON.stringify({ error: (error as Error).message }));
        }
        const result = await dispatch(options.handlers, decodeURIComponent(url.pathname.slice('/api/'.length)), input);
        return send(response, 200, JSON.stringify(result));
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, '');
      const file = normalize(join(root, url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname)));
      if (!file.startsWith(root + sep)) return send(response, 404, 'Introuvable', 'text/plain; charset=utf-8');
      try {
        const content = await readFile(file);
        response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
        response.end(content);
      } catch {
        send(response, 404, 'Introuvable', 'text/plain; charset=utf-8');
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    token,
    port,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
