// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KasaneError } from '../../shared/contract';
import { createHttpInvoke, createIpcInvoke, takeToken, TransportError } from './transport';

function respond(status: number, body: unknown) {
  return vi.fn(async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status }));
}

afterEach(() => {
  vi.unstubAllGlobals();
  window.sessionStorage.clear();
});

describe('takeToken', () => {
  it('reads the token from the fragment once, keeps it for reloads and clears the address bar', () => {
    window.history.replaceState(null, '', '/index.html#token=abc123');
    expect(takeToken()).toBe('abc123');
    expect(window.location.hash).toBe('');
    expect(window.location.pathname).toBe('/index.html');
    // A reload: no fragment any more, the token comes from sessionStorage.
    expect(takeToken()).toBe('abc123');
  });

  it('has no token when opened without one', () => {
    window.history.replaceState(null, '', '/');
    expect(takeToken()).toBeNull();
  });
});

describe('createHttpInvoke', () => {
  it('posts JSON with the bearer token and returns the value', async () => {
    const fetch = respond(200, { ok: true, value: { kind: 'main' } });
    vi.stubGlobal('fetch', fetch);
    const invoke = createHttpInvoke('t0k', 'http://127.0.0.1:9/');
    await expect(invoke('vault.select', { kind: 'main' })).resolves.toEqual({ kind: 'main' });
    const [url, init] = fetch.mock.calls[0] as unknown as [URL, RequestInit];
    expect(String(url)).toBe('http://127.0.0.1:9/rpc/vault.select');
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ Authorization: 'Bearer t0k', 'Content-Type': 'application/json' });
    expect(init.body).toBe('{"kind":"main"}');
  });

  it('rejects with a KasaneError carrying the details on ok:false', async () => {
    const shape = { code: 'wrong_passphrase', messageKey: 'errors.wrong_passphrase', details: { seconds: 2, retryAfterMs: 2000 } };
    vi.stubGlobal('fetch', respond(200, { ok: false, error: shape }));
    const error = await createHttpInvoke('t', 'http://h/')('vault.unlock', { passphrase: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KasaneError);
    expect(error).toMatchObject({ code: 'wrong_passphrase', details: { retryAfterMs: 2000 } });
  });

  it('turns a refused token into a forbidden transport error', async () => {
    vi.stubGlobal('fetch', respond(403, 'Forbidden'));
    const error = await createHttpInvoke('t', 'http://h/')('app.status', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).kind).toBe('forbidden');
  });

  it('turns an unreadable answer into errors.internal, and a dead host into unreachable', async () => {
    vi.stubGlobal('fetch', respond(200, '<html>'));
    await expect(createHttpInvoke('t', 'http://h/')('app.status', {})).rejects.toMatchObject({ code: 'internal' });
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(createHttpInvoke('t', 'http://h/')('app.status', {})).rejects.toMatchObject({ kind: 'unreachable' });
  });

  it('does not call the host at all without a token', async () => {
    const fetch = respond(200, {});
    vi.stubGlobal('fetch', fetch);
    await expect(createHttpInvoke(null, 'http://h/')('app.status', {})).rejects.toMatchObject({ kind: 'forbidden' });
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('createIpcInvoke', () => {
  it('unwraps the preload result the same way', async () => {
    const bridge = { invoke: vi.fn(async () => ({ ok: false as const, error: new KasaneError('vault_locked').toShape() })) };
    await expect(createIpcInvoke(bridge)('home.summary', { today: '2026-04-01' })).rejects.toMatchObject({ code: 'vault_locked' });
    expect(bridge.invoke).toHaveBeenCalledWith('home.summary', { today: '2026-04-01' });
  });
});
