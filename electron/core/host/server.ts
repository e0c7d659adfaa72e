import { constants as bufferConstants } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KasaneError } from '../../../shared/contract';
import type { KasaneCore } from '../app';
import { SECURITY_HEADERS } from '../security/csp';
import { hostAllowed, originAllowed, tokenValid } from './request-guard';
import { readStatic, resolveStatic } from './static-files';

/**
 * The browser host (`kasane serve`): the built renderer and POST /rpc/:method, on 127.0.0.1
 * only, for Chromium where Electron cannot run and for the end-to-end tests. No other routes.
 */
export interface HostHandle {
  /** Open this: it carries the token in the fragment, which browsers never send to a server. */
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export interface HostOptions {
  core: KasaneCore;
  rendererDir: string;
  port?: number;
  /** Largest accepted RPC body (default DEFAULT_MAX_BODY_BYTES); attachments travel through the same route. */
  maxBodyBytes?: number;
}

/**
 * Uploads (meeting materials up to the vault's materialsLimitMb, 50 MB by default; scans) travel
 * as base64 inside the JSON of one RPC, 4/3 of the file. The body must become one JS string to be
 * parsed, so the largest body that can work at all is V8's longest string (~512 MiB, a file of
 * ~383 MB); the limit is that, and a larger body is refused before it is buffered. Only a caller
 * holding the token gets this far.
 */
export const DEFAULT_MAX_BODY_BYTES = bufferConstants.MAX_STRING_LENGTH;

const RPC_PATH = /^\/rpc\/([a-zA-Z][a-zA-Z0-9.]{0,80})$/;

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8'): void {
  // A connection cut off (see readBody) has no one left to answer.
  if (res.destroyed || res.socket?.destroyed) return;
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * The body, or null when it is over `limit`. Past the limit nothing more is kept, but the rest is
 * read and dropped so the client gets its 413 instead of a reset connection (a browser shows
 * nothing useful for a reset); a body still going at twice the limit is cut off.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks = [];
      if (size > 2 * limit) req.destroy();
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('close', () => resolve(null));
    req.on('error', reject);
  });
}

export async function startHost(options: HostOptions): Promise<HostHandle> {
  const token = randomBytes(32).toString('hex');
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let port = 0;

  const server = createServer(async (req, res) => {
    try {
      if (!hostAllowed(req.headers, port) || !originAllowed(req.headers, port)) return send(res, 403, 'Forbidden');
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const rpc = RPC_PATH.exec(path);
      if (rpc) {
        if (req.method !== 'POST') return send(res, 405, 'Method Not Allowed');
        if (!tokenValid(req.headers, token)) return send(res, 403, 'Forbidden');
        // JSON only: an HTML form cannot send it, one more wall against cross-site posts.
        if (!req.headers['content-type']?.startsWith('application/json')) return send(res, 415, 'Unsupported Media Type');
        const body = await readBody(req, maxBody);
        if (body === null) {
          // Typed, like every RPC answer: the page shows 「ファイルが大きすぎます（上限 N MB）」.
          const error = new KasaneError('attachment_too_large', { limitMb: Math.floor((maxBody * 3) / 4 / 2 ** 20) });
          return send(res, 413, JSON.stringify({ ok: false, error: error.toShape() }), 'application/json; charset=utf-8');
        }
        let input: unknown;
        try {
          input = body.length ? JSON.parse(body.toString('utf8')) : {};
        } catch {
          const error = new KasaneError('validation_failed', { fields: '(input)', issues: [{ path: '', code: 'invalid_json' }] });
          return send(res, 200, JSON.stringify({ ok: false, error: error.toShape() }), 'application/json; charset=utf-8');
        }
        const result = await options.core.dispatch(rpc[1]!, input);
        return send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8');
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method Not Allowed');
      if (!existsSync(join(options.rendererDir, 'index.html'))) {
        return send(res, 503, 'The renderer is not built. Run: npm run build:renderer');
      }
      const found = resolveStatic(options.rendererDir, path);
      if (!found) return send(res, 404, 'Not Found');
      return send(res, 200, readStatic(found.file), found.type);
    } catch {
      if (!res.headersSent) send(res, 500, 'Internal Server Error');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
