// Every security decision of the Electron shell, as pure functions. main.ts only wires these
// into Electron's hooks, so what is allowed is decided (and unit-tested) here, under plain Node.
// The `electron` import below is type-only and erased at build time: this module never loads
// Electron, but Electron's own declarations check that every option name is real (a misspelt
// hardening flag would otherwise be silently ignored).
import type { BrowserWindowConstructorOptions } from 'electron';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { SECURITY_HEADERS } from '../core/security/csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'kasane';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The one IPC channel; the preload repeats the literal (it may not import this layer). */
export const RPC_CHANNEL = 'kasane:rpc';

/**
 * True only for our own origin. The raw prefix check comes first because the URL parser
 * forgives things Chromium would also forgive (tabs, backslashes, case) and we want a URL
 * that is exactly ours, not one that parses to ours.
 */
export function isAppUrl(url: string): boolean {
  if (typeof url !== 'string') return false;
  if (url !== APP_ORIGIN && !url.startsWith(`${APP_ORIGIN}/`)) return false;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  if (/[\u0000-\u0020\u007f\\]/.test(url)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === ''
  );
}

/** The app is a single page: no navigation may leave our origin (links, redirects, drops). */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** No new windows, ever: links to the outside have nowhere to open. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/**
 * IPC reaches the core (and its decrypted data) only from the top frame of our own page: not
 * from a sub-frame, and not from a page that somehow navigated elsewhere.
 */
export function isTrustedSender(frameUrl: string | undefined | null, isMainFrame: boolean): boolean {
  return isMainFrame === true && typeof frameUrl === 'string' && isAppUrl(frameUrl);
}

/**
 * The app needs no browser permission at all (camera, microphone, geolocation, notifications,
 * clipboard-read, media, MIDI, HID, serial, fullscreen requests…): deny everything, including
 * permissions that do not exist yet.
 */
export function permissionDecision(_permission: string): false {
  return false;
}

/**
 * Requests the session may make. No network at all at runtime: our own origin, blob:/data:
 * URLs (created in-page, they reach no host), and DevTools' own pages when enabled.
 */
export function isAllowedRequest(url: string, opts: { devTools: boolean } = { devTools: false }): boolean {
  if (isAppUrl(url)) return true;
  if (url.startsWith(`blob:${APP_ORIGIN}/`)) return isAppUrl(url.slice('blob:'.length));
  if (url.startsWith('data:')) return true;
  if (opts.devTools && url.startsWith('devtools://devtools/')) return true;
  return false;
}

/** The `--vault=DIR` switch (Chromium switches take their value after `=`). */
export function vaultArgFrom(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const arg of argv) {
    if (arg.startsWith('--vault=')) {
      const value = arg.slice('--vault='.length);
      if (value !== '') found = value;
    }
  }
  return found;
}

export const WINDOW_BACKGROUND = '#f7f5f0';

export function mainWindowOptions(preloadPath: string, opts: { devTools?: boolean } = {}): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    // Shown on 'ready-to-show' so the user never sees an empty white frame.
    show: false,
    backgroundColor: WINDOW_BACKGROUND,
    title: 'Kasane',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableWebSQL: false,
      // Spellcheck would fetch dictionaries from Google and send typed text to the OS checker.
      spellcheck: false,
      // A file dropped on the window would otherwise replace our page with file://.
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: opts.devTools === true,
    },
  };
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  // pdf.js ships its character maps as .bcmap files.
  '.bcmap': 'application/octet-stream',
};

/** With `nosniff`, a wrong type breaks the file (a module script served as octet-stream is refused). */
export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

// Names Windows maps to devices whatever the folder or extension.
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9]|conin\$|conout\$)(\..*)?$/i;

/** One decoded path segment, or null when it could mean anything but a plain file name. */
function safeSegment(raw: string): string | null {
  if (raw === '' || raw.includes('\\')) return null;
  let seg: string;
  try {
    seg = decodeURIComponent(raw);
  } catch {
    return null;
  }
  // Dot segments (also %2e%2e), hidden files, separators smuggled in encoded, drive letters
  // and alternate data streams (':'), control characters, and Windows' silent trimming of
  // trailing dots and spaces.
  if (seg.startsWith('.')) return null;
  if (seg.endsWith('.') || seg.endsWith(' ')) return null;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  if (/[/\\:*?"<>|\u0000-\u001f\u007f]/.test(seg)) return null;
  if (WINDOWS_DEVICE.test(seg)) return null;
  return seg;
}

/**
 * Maps an app://kasane/<path> request to a file inside the renderer's dist folder (`/` is
 * index.html), or null for anything else. Works on the raw path rather than `URL.pathname`,
 * because the parser would already have resolved `..` and we refuse such requests outright.
 * Whether the file exists is the caller's business (it reads it and answers 404 if not).
 */
export function resolveAppFile(distRendererDir: string, requestUrl: string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  const rest = requestUrl.slice(APP_ORIGIN.length);
  const rawPath = rest.split(/[?#]/, 1)[0] ?? '';
  if (rawPath === '' || rawPath === '/') return resolve(distRendererDir, 'index.html');
  if (!rawPath.startsWith('/')) return null;
  const segments: string[] = [];
  for (const raw of rawPath.slice(1).split('/')) {
    const seg = safeSegment(raw);
    if (seg === null) return null;
    segments.push(seg);
  }
  const root = resolve(distRendererDir);
  const file = resolve(root, ...segments);
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return file;
}

export type AppResponsePlan =
  | { status: 200; file: string; headers: Record<string, string> }
  | { status: 404 | 405; headers: Record<string, string> };

/** What the app:// handler answers, before touching the disk: only GET/HEAD of a safe path. */
export function planAppResponse(distRendererDir: string, request: { method: string; url: string }): AppResponsePlan {
  const headers: Record<string, string> = { ...SECURITY_HEADERS };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return { status: 405, headers: { ...headers, Allow: 'GET, HEAD' } };
  }
  const file = resolveAppFile(distRendererDir, request.url);
  if (file === null) return { status: 404, headers };
  return { status: 200, file, headers: { ...headers, 'Content-Type': contentTypeFor(file) } };
}

/** The hidden print window's own partition: in memory, nothing shared with the app window. */
export const PRINT_PARTITION = 'kasane-print';
/** The document being printed is served from memory at this address (never a file). */
export const PRINT_DOCUMENT_URL = 'https://print.kasane.invalid/document.html';

/**
 * The print window may load exactly two things: the document it is printing and our fonts
 * (https://fonts.kasane.invalid/<font>, see electron/core/pdf/fonts.ts). Everything else —
 * a stray <img>, a link in case notes — is refused, so printing never touches the network.
 */
export function isAllowedPrintRequest(url: string, fontPaths: ReadonlySet<string>): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (url === PRINT_DOCUMENT_URL) return true;
  return parsed.protocol === 'https:' && parsed.host === 'fonts.kasane.invalid' && fontPaths.has(parsed.pathname) && parsed.search === '';
}

/** The print window: never shown, sandboxed, no JavaScript, no preload. */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 794,
    height: 1123,
    webPreferences: {
      partition: PRINT_PARTITION,
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      images: true,
      spellcheck: false,
    },
  };
}
