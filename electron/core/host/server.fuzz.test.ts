// Fuzzing the browser host (issue 9, "Hardening"): the real server on 127.0.0.1 with a real
// core, hit with generated requests of every kind an attacker or a broken client could send.
// Each class of request has the status it must get; none may crash the server, answer 500, leak
// a file from outside the renderer folder, or reach the core without the token. After each class
// the server still answers a normal request.
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES } from '../../../shared/contract';
import { VAULT_INPUT, tempHome, testCore } from '../testing/temp-vault';
import type { KasaneCore } from '../app';
import { DEFAULT_MAX_BODY_BYTES, startHost, type HostHandle } from './server';

const SECRET = 'SECRET-OUTSIDE-THE-RENDERER-7f3a';
const LIMIT = 256 * 1024; // a small body limit for this host, so "too large" is cheap to send
const RUNS = 150;
let casesRun = 0;

let t: ReturnType<typeof tempHome>;
let core: KasaneCore;
let host: HostHandle;
const dispatched: string[] = [];

beforeAll(async () => {
  t = tempHome();
  const rendererDir = join(t.home, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Kasane</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(t.home, 'secret.txt'), SECRET);
  writeFileSync(join(t.home, 'renderer.txt'), SECRET); // a sibling whose name starts like the folder's
  // Every call that reaches the core is recorded: without the token, none may.
  const real = testCore(t.paths);
  core = { session: real.session, close: () => real.close(), dispatch: (m, i) => (dispatched.push(m), real.dispatch(m, i)) };
  host = await startHost({ core, rendererDir, port: 0, maxBodyBytes: LIMIT });
});
afterAll(async () => {
  await host.close();
  await core.close();
  t.cleanup();
  console.log(`browser host fuzzing: ${casesRun} generated requests`);
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP, so the test controls the method, path, Host, Origin and body bytes exactly. */
function call(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { host: `127.0.0.1:${host.port}`, ...opts.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer to ${opts.method ?? 'GET'} ${opts.path}`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Bytes straight onto the socket: request lines Node's client would refuse to send. */
function rawCall(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(host.port, '127.0.0.1');
    let out = '';
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer')));
    socket.on('data', (d) => (out += d.toString('latin1')));
    socket.on('end', () => resolve(out));
    socket.on('close', () => resolve(out));
    socket.on('error', reject);
    socket.end(text);
  });
}

const auth = () => ({ authorization: `Bearer ${host.token}` });
const json = { 'content-type': 'application/json' };
const rpc = (method: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  call({ method: 'POST', path: `/rpc/${method}`, headers: { ...auth(), ...json, ...headers }, body });
const parsed = (a: Answer) => JSON.parse(a.body) as { ok: boolean; error?: { code: string; messageKey: string; details: Record<string, unknown> } };

/** Run after each class: the server is still up and serves a normal call and a normal page. */
async function stillServes(): Promise<void> {
  const status = await rpc('app.status', '{}', { origin: host.origin });
  expect(status.status).toBe(200);
  expect(parsed(status)).toMatchObject({ ok: true, value: { state: 'none' } });
  expect((await call({ path: '/' })).status).toBe(200);
}

function property<T>(arb: fc.Arbitrary<T>, check: (v: T) => Promise<void>, numRuns = RUNS) {
  return fc.assert(
    fc.asyncProperty(arb, async (v) => {
      await check(v);
      casesRun++; // counted once checked (not when skipped by fc.pre)
    }),
    { numRuns },
  );
}

/** No answer may carry a stack trace or the contents of a file outside the renderer folder. */
function clean(a: Answer): void {
  expect(a.status).not.toBe(500);
  expect(a.body).not.toContain(SECRET);
  expect(a.body).not.toMatch(/\bat .+\.(ts|js):\d+/);
}

describe('browser host under fuzzing', () => {
  it('bad JSON bodies get a typed validation_failed, never a crash or internal', async () => {
    // (An empty body is not among them: it means "no input", {}.)
    const notJson = fc.oneof(
      fc.string({ minLength: 1 }).filter((s) => !isJson(s)),
      fc.uint8Array({ minLength: 1, maxLength: 2000 }).map((b) => Buffer.from(b)).filter((b) => !isJson(b.toString('utf8'))),
      fc.constantFrom('{', '{"a":', '[1,2', '{"a":1}}', 'nul', '\u0000', '\ufeff{}', '{"__proto__":', 'NaN', '{a:1}', "{'a':1}"),
    );
    await property(notJson, async (body) => {
      const a = await rpc('app.status', body);
      clean(a);
      expect(a.status).toBe(200);
      expect(parsed(a)).toMatchObject({ ok: false, error: { code: 'validation_failed', messageKey: 'errors.validation_failed' } });
    });
    await stillServes();
  });

  it('arbitrary JSON to every real method gets a typed answer, never internal', async () => {
    await property(
      fc.record({ method: fc.constantFrom(...METHOD_NAMES), input: fc.jsonValue({ maxDepth: 3 }) }),
      async ({ method, input }) => {
        // Input the schema accepts would really run (create a vault, open the sample…): only what is refused.
        fc.pre(!contract[method].input.safeParse(input).success);
        const a = await rpc(method, JSON.stringify(input));
        clean(a);
        expect(a.status).toBe(200);
        const r = parsed(a);
        if (!r.ok) expect(r.error!.code).not.toBe('internal');
      },
      300,
    );
    await stillServes();
  });

  it('bodies over the limit get 413 with a typed error, with Content-Length or chunked', async () => {
    await property(
      fc.record({ extra: fc.integer({ min: 1, max: LIMIT }), chunked: fc.boolean(), method: fc.constantFrom('app.status', 'agenda.addMaterial', 'vault.create') }),
      async ({ extra, chunked, method }) => {
        const body = Buffer.alloc(LIMIT + extra, 'a');
        const a = chunked ? await chunkedRpc(method, body) : await rpc(method, body);
        expect(a.status).toBe(413);
        expect(parsed(a)).toMatchObject({ ok: false, error: { code: 'attachment_too_large', messageKey: 'errors.attachment_too_large' } });
      },
      40,
    );
    // Right at the limit is still accepted (a legit upload of exactly the limit passes).
    const atLimit = await rpc('app.status', `{${' '.repeat(LIMIT - 2)}}`);
    expect(atLimit.status).toBe(200);
    expect(parsed(atLimit)).toMatchObject({ ok: true });
    await stillServes();
  });

  it('a body that never ends is cut off without taking the server down', async () => {
    casesRun++;
    const outcome = await new Promise<string>((resolve) => {
      const req = request({ host: '127.0.0.1', port: host.port, method: 'POST', path: '/rpc/app.status', headers: { host: `127.0.0.1:${host.port}`, ...auth(), ...json }, agent: false });
      req.on('response', (res) => resolve(`status ${res.statusCode}`));
      req.on('error', (e) => resolve(`error ${(e as NodeJS.ErrnoException).code}`));
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        // Far more than the limit: the server must stop reading, not buffer it all.
        for (let i = 0; i < 64 && !req.destroyed; i++) if (!req.write(chunk)) return req.once('drain', pump);
        if (!req.destroyed) setImmediate(pump);
      };
      pump();
    });
    expect(outcome).toMatch(/^(status 413|error (ECONNRESET|EPIPE))$/);
    await stillServes();
  });

  it('unknown and random method names are unknown_method (or not a route at all), never reach a handler', async () => {
    const known = new Set<string>(METHOD_NAMES);
    const name = fc.oneof(
      fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9.]{0,80}$/),
      fc.constantFrom('constructor', 'toString', 'hasOwnProperty', 'valueOf', 'vault.destroyEverything', 'app', 'app.', 'APP.STATUS', 'contract.vault.create'),
    ).filter((m) => !known.has(m));
    await property(name, async (m) => {
      const a = await rpc(m, '{}');
      clean(a);
      expect(a.status).toBe(200);
      expect(parsed(a)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    });
    // Names outside the route's alphabet (__proto__, paths, spaces…) are not RPC at all: a POST to a static path is refused.
    await property(
      fc.oneof(fc.string({ minLength: 1, maxLength: 60 }), fc.constantFrom('__proto__', '../vault.create', 'vault.create/x', 'a'.repeat(82))).filter((s) => !/^[a-zA-Z][a-zA-Z0-9.]{0,80}$/.test(s)),
      async (s) => {
        const a = await rpc(encodeURIComponent(s), '{}');
        clean(a);
        expect([404, 405]).toContain(a.status);
      },
    );
    await stillServes();
  });

  it('other HTTP methods on /rpc are 405; other content types are 415', async () => {
    await property(fc.constantFrom('GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE'), async (method) => {
      const a = await call({ method, path: '/rpc/app.status', headers: { ...auth(), ...json } });
      expect(a.status).toBe(405);
    }, 20);
    const type = fc.oneof(
      fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/json', 'application/jsonp', 'APPLICATION/JSON', ''),
      fc.stringMatching(/^[a-z]{1,12}\/[a-z+.-]{1,20}$/),
    ).filter((ct) => !ct.startsWith('application/json'));
    await property(type, async (ct) => {
      const headers: Record<string, string> = { ...auth() };
      if (ct !== '') headers['content-type'] = ct;
      const a = await call({ method: 'POST', path: '/rpc/app.status', headers, body: '{}' });
      expect(a.status).toBe(415);
    });
    await stillServes();
  });

  it('path traversal and encoded path tricks never leave the renderer folder', async () => {
    const dots = fc.constantFrom('..', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '%252e%252e', '..%00', '%c0%ae%c0%ae', '....', '.');
    const sep = fc.constantFrom('/', '%2f', '%2F', '%5c', '\\', '//', '%252f', '/./');
    const target = fc.constantFrom('secret.txt', 'renderer.txt', 'kasane.keys', 'etc/passwd', 'index.html%00.js', '', 'vault/kasane.db');
    const trick = fc.tuple(fc.constantFrom('/', '/assets/', '//', '/./'), fc.array(fc.tuple(dots, sep), { minLength: 1, maxLength: 6 }), target)
      .map(([start, parts, file]) => start + parts.map(([d, s]) => d + s).join('') + file);
    await property(trick, async (path) => {
      const a = await call({ path });
      clean(a);
      // Either refused, or (for a path that folds back inside, e.g. "/./") the renderer's own page.
      if (a.status === 200) expect(a.body).toBe('<!doctype html><title>Kasane</title>');
      else expect([400, 404]).toContain(a.status);
    }, 300);
    // Request lines Node's client would not send: absolute-form targets, raw backslashes, NUL.
    for (const target of ['http://127.0.0.1/../secret.txt', '/..\\..\\secret.txt', '/%00', '*', '/assets/../../secret.txt', '../secret.txt']) {
      casesRun++;
      const out = await rawCall(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`);
      expect(out).not.toContain(SECRET);
      expect(out).toMatch(/^HTTP\/1\.1 (400|403|404) /);
    }
    await stillServes();
  });

  it('a missing, wrong or malformed token is 403 and never reaches the core', async () => {
    const before = dispatched.length;
    const authHeader = fc.oneof(
      fc.constant(undefined),
      fc.string().map((s) => `Bearer ${s}`),
      fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }).map((s) => `Bearer ${s}`),
      fc.constant(`Bearer ${host.token.slice(0, 63)}`),
      fc.constant(`Bearer  ${host.token}`),
      fc.constant(`Bearer ${host.token}\u0000`),
      fc.constant(`bearer ${host.token}`),
      fc.constant(`Basic ${Buffer.from(`kasane:${host.token}`).toString('base64')}`),
      fc.constant(host.token),
      fc.constant(`Bearer ${host.token.toUpperCase()}`),
    ).filter((h) => h !== `Bearer ${host.token}`);
    await property(fc.tuple(authHeader, fc.constantFrom(...METHOD_NAMES)), async ([h, method]) => {
      const headers: Record<string, string> = { ...json };
      if (h !== undefined) headers.authorization = h.replace(/[\r\n]/g, '');
      const a = await call({ method: 'POST', path: `/rpc/${method}`, headers, body: '{}' }).catch(() => ({ status: 400, headers: {}, body: '' }));
      expect([400, 403]).toContain(a.status);
    });
    expect(dispatched.length).toBe(before);
    await stillServes();
  });

  it('a foreign Host or Origin is 403 for RPC and for pages (DNS rebinding, cross-site posts)', async () => {
    const before = dispatched.length;
    const badHost = fc.oneof(
      fc.domain().map((d) => `${d}:${host.port}`),
      fc.constantFrom(`127.0.0.1:${host.port + 1}`, '127.0.0.1', 'localhost', `127.0.0.2:${host.port}`, `[::1]:${host.port}`, `0.0.0.0:${host.port}`, `127.0.0.1:${host.port}.evil.test`, `127.0.0.1.nip.io:${host.port}`),
    );
    await property(fc.tuple(badHost, fc.boolean()), async ([h, isRpc]) => {
      const a = isRpc ? await rpc('app.status', '{}', { host: h }) : await call({ path: '/', headers: { host: h } });
      expect(a.status).toBe(403);
    });
    const badOrigin = fc.oneof(
      fc.webUrl().map((u) => new URL(u).origin),
      fc.constantFrom('null', `http://127.0.0.1:${host.port + 1}`, `https://127.0.0.1:${host.port}`, `http://127.0.0.1:${host.port}.evil.test`, 'file://', `http://localhost:${host.port}/`, `HTTP://evil.test`),
    ).filter((o) => o.toLowerCase() !== host.origin && o.toLowerCase() !== `http://localhost:${host.port}`);
    await property(fc.tuple(badOrigin, fc.boolean()), async ([o, isRpc]) => {
      const a = isRpc ? await rpc('app.status', '{}', { origin: o }) : await call({ path: '/', headers: { origin: o } });
      expect(a.status).toBe(403);
    });
    expect(dispatched.length).toBe(before);
    await stillServes();
  });
});

// The limit must not refuse what the app accepts: the default 資料 limit is 50 MB, whose base64
// (~66.7 MB) plus the JSON around it is over the 64 MiB the host had before.
describe('browser host with its default body limit', () => {
  it('takes a meeting material of exactly the default 50 MB limit, and the handler (not the host) refuses one byte more', async () => {
    const home = tempHome();
    const real = testCore(home.paths, () => new Date('2026-11-23T10:00:00+09:00'));
    const rendererDir = join(home.home, 'renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Kasane</title>');
    const big = await startHost({ core: real, rendererDir, port: 0 });
    try {
      const post = (method: string, input: unknown) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = request(
            { host: '127.0.0.1', port: big.port, method: 'POST', path: `/rpc/${method}`, headers: { host: `127.0.0.1:${big.port}`, authorization: `Bearer ${big.token}`, ...json }, agent: false },
            (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
            },
          );
          req.on('error', reject);
          req.end(JSON.stringify(input));
        });
      const ok = async <T>(method: string, input: unknown): Promise<T> => {
        const a = await post(method, input);
        expect(a.status, `${method}: ${a.body.slice(0, 200)}`).toBe(200);
        const r = JSON.parse(a.body) as { ok: boolean; value: T; error?: unknown };
        expect(r.ok, `${method}: ${JSON.stringify(r.error)}`).toBe(true);
        return r.value;
      };
      await ok('vault.create', VAULT_INPUT);
      expect(DEFAULT_MAX_BODY_BYTES).toBeGreaterThan(64 * 2 ** 20);
      const { meeting } = await ok<{ meeting: { id: string } }>('meeting.create', { type: 'jusoteki', date: '2026-12-01', startTime: '14:00', inviteeMemberIds: [] });
      const agenda = await ok<{ items: { id: string }[] }>('agenda.get', { meetingId: meeting.id });
      const file = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size - 9, 0x20)]).toString('base64');
      const input = (size: number) => ({ itemId: agenda.items[0]!.id, fileName: 'shiryo.pdf', mediaType: 'application/pdf', dataBase64: file(size) });
      casesRun++;
      const stored = await ok<{ items: { materials: unknown[] }[] }>('agenda.addMaterial', input(50 * 2 ** 20));
      expect(stored.items[0]!.materials).toHaveLength(1);
      casesRun++;
      const over = await post('agenda.addMaterial', input(50 * 2 ** 20 + 1));
      expect(over.status).toBe(200);
      expect(JSON.parse(over.body)).toMatchObject({ ok: false, error: { code: 'attachment_too_large', details: { limitMb: 50 } } });
    } finally {
      await big.close();
      await real.close();
      home.cleanup();
    }
  }, 120_000);
});

function isJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

/** A body sent with Transfer-Encoding: chunked (no Content-Length), in pieces. */
function chunkedRpc(method: string, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, method: 'POST', path: `/rpc/${method}`, headers: { host: `127.0.0.1:${host.port}`, ...auth(), ...json }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    for (let i = 0; i < body.length; i += 16 * 1024) req.write(body.subarray(i, i + 16 * 1024));
    req.end();
  });
}
