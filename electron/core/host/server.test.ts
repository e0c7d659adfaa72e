import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../security/csp';
import { tempHome, testCore } from '../testing/temp-vault';
import type { KasaneCore } from '../app';
import { startHost, type HostHandle } from './server';

let t: ReturnType<typeof tempHome>;
let core: KasaneCore;
let host: HostHandle;

beforeAll(async () => {
  t = tempHome();
  const rendererDir = join(t.home, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Kasane</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(t.home, 'secret.txt'), 'outside the renderer');
  core = testCore(t.paths);
  host = await startHost({ core, rendererDir, port: 0 });
});
afterAll(async () => {
  await host.close();
  await core.close();
  t.cleanup();
});

/** Raw HTTP so the test controls Host and Origin exactly (fetch would not let it). */
function call(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, method: opts.method ?? 'GET', path: opts.path, headers: { host: `127.0.0.1:${host.port}`, ...opts.headers } },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const rpc = (headers: Record<string, string>, body = '{}') =>
  call({ method: 'POST', path: '/rpc/app.status', headers: { 'content-type': 'application/json', ...headers }, body });
const auth = () => ({ authorization: `Bearer ${host.token}` });

describe('browser host', () => {
  it('listens on 127.0.0.1 and gives a URL whose token is in the fragment', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/#token=[0-9a-f]{64}$`));
  });

  it('serves the renderer with the strict CSP and security headers', async () => {
    const res = await call({ path: '/' });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Kasane</title>');
    expect(res.headers['content-security-policy']).toBe(RENDERER_CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect((await call({ path: '/assets/app.js' })).headers['content-type']).toContain('text/javascript');
  });

  it('answers RPC with the right token from our origin', async () => {
    const res = await rpc({ ...auth(), origin: host.origin });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { state: 'none' } });
    expect((await rpc({ ...auth(), origin: `http://localhost:${host.port}`, host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('403: no token', async () => expect((await rpc({ origin: host.origin })).status).toBe(403));
  it('403: wrong token', async () => expect((await rpc({ authorization: `Bearer ${'0'.repeat(64)}` })).status).toBe(403));
  it('403: a token of another length', async () => expect((await rpc({ authorization: 'Bearer abc' })).status).toBe(403));
  it('403: foreign Origin', async () => expect((await rpc({ ...auth(), origin: 'http://evil.example' })).status).toBe(403));
  it('403: foreign Origin on the same port but another host name', async () =>
    expect((await rpc({ ...auth(), origin: `http://attacker.test:${host.port}` })).status).toBe(403));
  it('403: foreign Host header (DNS rebinding), also for static files', async () => {
    expect((await rpc({ ...auth(), host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await call({ path: '/', headers: { host: 'evil.example' } })).status).toBe(403);
    expect((await call({ path: '/', headers: { host: `127.0.0.1:${host.port + 1}` } })).status).toBe(403);
  });
  it('403: cross-site fetch metadata without Origin', async () =>
    expect((await call({ path: '/', headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403));

  it('refuses non-JSON posts (HTML forms) and malformed JSON as typed errors', async () => {
    expect((await call({ method: 'POST', path: '/rpc/app.status', headers: { ...auth(), 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
    const bad = await rpc(auth(), '{not json');
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });

  it('has no other routes: unknown paths 404, traversal cannot leave the renderer folder, GET on rpc is refused', async () => {
    expect((await call({ path: '/admin' })).status).toBe(404);
    expect((await call({ path: '/../secret.txt' })).status).toBe(404);
    expect((await call({ path: '/%2e%2e/secret.txt' })).status).toBe(404);
    expect((await call({ path: '/assets/..%2f..%2fsecret.txt' })).status).toBe(404);
    expect((await call({ path: '/rpc/app.status' })).status).toBe(405);
    expect((await call({ method: 'DELETE', path: '/' })).status).toBe(405);
  });
});
