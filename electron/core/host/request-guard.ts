import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Who may talk to the browser host: only a page we served, on this PC, holding this launch's
 * token. Pure so every rule is unit-tested.
 *  - Host must be 127.0.0.1:port or localhost:port: a DNS-rebinding page has its own host name.
 *  - Origin, when sent, must be ours: another site's page cannot call us from the browser.
 *  - RPC needs the token (Authorization: Bearer), compared in constant time.
 */
export interface GuardConfig {
  port: number;
  token: string;
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function hostAllowed(headers: IncomingHttpHeaders, port: number): boolean {
  const host = headers.host?.toLowerCase();
  return host !== undefined && allowedHosts(port).includes(host);
}

export function originAllowed(headers: IncomingHttpHeaders, port: number): boolean {
  const origin = headers.origin;
  if (origin === undefined) return headers['sec-fetch-site'] === undefined || headers['sec-fetch-site'] !== 'cross-site';
  return allowedHosts(port).some((h) => origin.toLowerCase() === `http://${h}`);
}

export function tokenValid(headers: IncomingHttpHeaders, token: string): boolean {
  const auth = headers.authorization;
  if (!auth?.startsWith('Bearer ')) return false;
  const given = Buffer.from(auth.slice('Bearer '.length));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
