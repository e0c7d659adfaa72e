import { KasaneError, isErrorShape, type Invoke, type RpcResult } from '../../shared/contract';

/**
 * The renderer's one way to the core. In Electron the preload exposes `window.kasane.invoke`;
 * in a plain browser the page talks to the browser host over `POST ./rpc/<method>` with the
 * per-launch token. Everything else in the renderer only sees an `Invoke`.
 */
declare global {
  interface Window {
    kasane?: { invoke: (method: string, input: unknown) => Promise<RpcResult<unknown>> };
  }
}

/** A failure of the transport itself (not a typed error of the core). */
export class TransportError extends Error {
  constructor(readonly kind: 'forbidden' | 'unreachable') {
    super(kind);
    this.name = 'TransportError';
  }
}

const TOKEN_KEY = 'kasane.token';

/**
 * The browser host hands the token over once, in the URL fragment (`#token=<hex>`). Keep it in
 * sessionStorage so a reload of this tab works, and remove it from the address bar at once.
 */
export function takeToken(loc: Location = window.location, storage: Storage = window.sessionStorage): string | null {
  const match = /(?:^#|&)token=([0-9a-fA-F]+)/.exec(loc.hash);
  if (match?.[1]) {
    storage.setItem(TOKEN_KEY, match[1]);
    window.history.replaceState(window.history.state, '', `${loc.pathname}${loc.search}`);
    return match[1];
  }
  return storage.getItem(TOKEN_KEY);
}

function toResult(raw: unknown): RpcResult<unknown> {
  if (typeof raw === 'object' && raw !== null && 'ok' in raw) {
    const r = raw as { ok: unknown; value?: unknown; error?: unknown };
    if (r.ok === true) return { ok: true, value: r.value };
    if (r.ok === false && isErrorShape(r.error)) return { ok: false, error: r.error };
  }
  return { ok: false, error: new KasaneError('internal').toShape() };
}

function unwrap<T>(result: RpcResult<unknown>): T {
  if (result.ok) return result.value as T;
  throw KasaneError.fromShape(result.error);
}

export function createIpcInvoke(bridge: NonNullable<Window['kasane']>): Invoke {
  return (async (method: string, input: unknown) => {
    let raw: unknown;
    try {
      raw = await bridge.invoke(method, input);
    } catch {
      throw new TransportError('unreachable');
    }
    return unwrap(toResult(raw));
  }) as Invoke;
}

export function createHttpInvoke(token: string | null, baseUrl: string = document.baseURI): Invoke {
  return (async (method: string, input: unknown) => {
    if (!token) throw new TransportError('forbidden');
    let response: Response;
    try {
      response = await fetch(new URL(`rpc/${encodeURIComponent(method)}`, baseUrl), {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      throw new TransportError('unreachable');
    }
    if (response.status === 401 || response.status === 403) throw new TransportError('forbidden');
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    return unwrap(toResult(body));
  }) as Invoke;
}

/** Picks the transport once, at boot. */
export function createInvoke(): Invoke {
  if (window.kasane?.invoke) return createIpcInvoke(window.kasane);
  return createHttpInvoke(takeToken());
}
