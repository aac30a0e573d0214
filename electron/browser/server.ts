// Browser mode: the same renderer and the same API as the Electron window, over HTTP on the
// loopback interface only. Every API call must carry the random token printed at start, and the
// Host header must name this server, so that neither another user's page nor a DNS-rebinding
// site can reach the record.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { ApiCaller } from '../record/protocol.ts';

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
  /** The API: the record's worker (electron/record/remote.ts), or the host in process for tests. */
  call: ApiCaller;
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

/** The smallest token accepted: 32 random bytes, written in hexadecimal. */
const TOKEN_PATTERN = /^[0-9a-f]{64,}$/i;

/**
 * Why `token` cannot guard the record, or null when it can. An empty PLANIF_TOKEN used to match an
 * empty header, and a short one can be guessed: both are refused before anything is served.
 */
export function weakTokenReason(token: string): string | null {
  return TOKEN_PATTERN.test(token)
    ? null
    : 'PLANIF_TOKEN doit compter au moins 64 chiffres hexadécimaux (32 octets aléatoires, par exemple : openssl rand -hex 32).';
}

/**
 * The decoded path of a request, or null when it is not a path (absolute-form, bad percent
 * encoding). Not `new URL()`: it resolves `..` before the folder guard could see them, and throws
 * on some paths (`//`).
 */
function requestPath(target: string): string | null {
  if (!target.startsWith('/')) return null;
  try {
    return decodeURIComponent(target.split('?', 1)[0]!);
  } catch {
    return null;
  }
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const weak = weakTokenReason(token);
  if (weak !== null) throw new Error(weak);
  const root = normalize(options.staticDir);
  let allowedHosts: string[] = [];

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowedHosts.includes(request.headers.host ?? '')) return send(response, 403, JSON.stringify({ error: 'Hôte refusé.' }));
    const path = requestPath(request.url ?? '/');
    if (path === null) return send(response, 400, JSON.stringify({ error: 'Adresse invalide.' }));
    if (path.startsWith('/api/')) {
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
      const result = await options.call(path.slice('/api/'.length), input);
      return send(response, 200, JSON.stringify(result));
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, '');
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep)) return send(response, 404, 'Introuvable', 'text/plain; charset=utf-8');
    try {
      const content = await readFile(file);
      response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(content);
    } catch {
      send(response, 404, 'Introuvable', 'text/plain; charset=utf-8');
    }
  }

  // A request that throws must cost that request only: unhandled, it would stop the server.
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error(error);
      if (response.headersSent) response.destroy();
      else send(response, 500, JSON.stringify({ error: 'Erreur interne du serveur.' }));
    });
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
