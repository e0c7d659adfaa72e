import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { RENDERER_CSP, SECURITY_HEADERS } from '../core/security/csp';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  RPC_CHANNEL,
  contentTypeFor,
  isAllowedNavigation,
  isAllowedRequest,
  isAllowedPrintRequest,
  printWindowOptions,
  PRINT_DOCUMENT_URL,
  PRINT_PARTITION,
  isAppUrl,
  isTrustedSender,
  mainWindowOptions,
  permissionDecision,
  planAppResponse,
  resolveAppFile,
  vaultArgFrom,
  windowOpenDecision,
} from './policy';

const FOREIGN_URLS = [
  'app://evil/index.html',
  'app://kasane.evil/index.html',
  'app://kasaneevil/',
  'app://evil.kasane/',
  'app://kasane@evil/',
  'app://evil@kasane/',
  'app://user:pw@kasane/',
  'app://kasane:8080/',
  'APP://KASANE/',
  'app:kasane/index.html',
  'app:/kasane/index.html',
  'app:///kasane/index.html',
  ' app://kasane/',
  'app://kas\tane/',
  'app://kasane\\@evil/',
  'app://kasane\n/',
  'file:///C:/Windows/win.ini',
  'file:///etc/passwd',
  'http://kasane/',
  'https://app.kasane/',
  'http://127.0.0.1:5173/',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'blob:app://kasane/1234',
  'about:blank',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
  '',
  'kasane',
  '//kasane/',
  'app://',
  'not a url at all',
];

describe('isAppUrl / isAllowedNavigation', () => {
  it.each(['app://kasane/', 'app://kasane', APP_ENTRY_URL, 'app://kasane/assets/index-abc123.js', 'app://kasane/index.html?x=1#/meetings/12'])(
    'accepts our own page %s',
    (url) => {
      expect(isAppUrl(url)).toBe(true);
      expect(isAllowedNavigation(url)).toBe(true);
    },
  );

  it.each(FOREIGN_URLS)('rejects %j', (url) => {
    expect(isAppUrl(url)).toBe(false);
    expect(isAllowedNavigation(url)).toBe(false);
  });

  it('rejects values that are not strings', () => {
    expect(isAppUrl(undefined as unknown as string)).toBe(false);
    expect(isAppUrl(null as unknown as string)).toBe(false);
    expect(isAppUrl({ toString: () => 'app://kasane/' } as unknown as string)).toBe(false);
  });

  it('exposes the origin the renderer is loaded from', () => {
    expect(APP_ORIGIN).toBe('app://kasane');
    expect(APP_ENTRY_URL.startsWith(`${APP_ORIGIN}/`)).toBe(true);
  });
});

describe('windowOpenDecision', () => {
  it('always denies', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
  });
});

describe('isTrustedSender', () => {
  it('trusts only the top frame of our own page', () => {
    expect(isTrustedSender('app://kasane/index.html', true)).toBe(true);
    expect(isTrustedSender('app://kasane/index.html#/home', true)).toBe(true);
  });

  it('refuses sub-frames, even of our own origin', () => {
    expect(isTrustedSender('app://kasane/index.html', false)).toBe(false);
  });

  it('refuses a missing frame (destroyed or navigated away)', () => {
    expect(isTrustedSender(undefined, true)).toBe(false);
    expect(isTrustedSender(null, true)).toBe(false);
    expect(isTrustedSender('', true)).toBe(false);
  });

  it.each(FOREIGN_URLS)('refuses a top frame at %j', (url) => {
    expect(isTrustedSender(url, true)).toBe(false);
  });

  it('refuses a truthy non-boolean main-frame flag', () => {
    expect(isTrustedSender('app://kasane/', 1 as unknown as boolean)).toBe(false);
  });
});

describe('permissionDecision', () => {
  it.each([
    'media',
    'camera',
    'microphone',
    'geolocation',
    'notifications',
    'clipboard-read',
    'clipboard-sanitized-write',
    'midi',
    'midiSysex',
    'fullscreen',
    'openExternal',
    'pointerLock',
    'keyboardLock',
    'display-capture',
    'hid',
    'serial',
    'usb',
    'idle-detection',
    'storage-access',
    'window-management',
    'fileSystem',
    'a-permission-chromium-adds-next-year',
  ])('denies %s', (permission) => {
    expect(permissionDecision(permission)).toBe(false);
  });
});

describe('isAllowedRequest', () => {
  it('allows our own origin and in-page blob:/data: URLs', () => {
    expect(isAllowedRequest('app://kasane/assets/index.js')).toBe(true);
    expect(isAllowedRequest('blob:app://kasane/5f0c2a4e-1111-2222-3333-444455556666')).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA')).toBe(true);
  });

  it.each([
    'https://fonts.googleapis.com/css2?family=Noto+Sans+JP',
    'http://127.0.0.1:8080/rpc/app.info',
    'ws://localhost:5173/',
    'file:///C:/Users/secretariat/kasane.db',
    'app://evil/x.js',
    'blob:https://evil.example/1234',
    'blob:app://evil/1234',
    'https://clients2.google.com/service/update2',
    'https://chrome-devtools-frontend.appspot.com/serve_file/x',
    'ftp://example.com/',
  ])('blocks %s', (url) => {
    expect(isAllowedRequest(url)).toBe(false);
    expect(isAllowedRequest(url, { devTools: true })).toBe(false);
  });

  it('allows DevTools pages only when DevTools are enabled', () => {
    const url = 'devtools://devtools/bundled/devtools_app.html';
    expect(isAllowedRequest(url)).toBe(false);
    expect(isAllowedRequest(url, { devTools: false })).toBe(false);
    expect(isAllowedRequest(url, { devTools: true })).toBe(true);
    expect(isAllowedRequest('devtools://evil/', { devTools: true })).toBe(false);
  });
});

describe('vaultArgFrom', () => {
  it('reads --vault=DIR', () => {
    expect(vaultArgFrom(['/opt/Kasane/kasane', '--vault=D:\\kasane\\vault'])).toBe('D:\\kasane\\vault');
    expect(vaultArgFrom(['electron', '.', '--vault=/tmp/v'])).toBe('/tmp/v');
  });

  it('is undefined without the switch or with an empty value', () => {
    expect(vaultArgFrom(['electron', '.'])).toBeUndefined();
    expect(vaultArgFrom(['electron', '--vault='])).toBeUndefined();
    expect(vaultArgFrom(['electron', '--vaultx=/tmp/v'])).toBeUndefined();
  });

  it('takes the last one, as Chromium does with repeated switches', () => {
    expect(vaultArgFrom(['x', '--vault=/a', '--vault=/b'])).toBe('/b');
  });
});

describe('mainWindowOptions', () => {
  const options = mainWindowOptions('/opt/kasane/dist/electron/preload.cjs');
  const web = options.webPreferences ?? {};

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webviewTag', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['spellcheck', false],
    ['navigateOnDragDrop', false],
    ['experimentalFeatures', false],
    ['enableWebSQL', false],
    ['safeDialogs', true],
  ] as const)('sets %s to %s', (flag, value) => {
    expect(web[flag]).toBe(value);
  });

  it('loads the given preload and nothing that weakens isolation', () => {
    expect(web.preload).toBe('/opt/kasane/dist/electron/preload.cjs');
    expect(web.enableBlinkFeatures).toBeUndefined();
    expect(web.additionalArguments).toBeUndefined();
    expect(web.partition).toBeUndefined();
  });

  it('keeps DevTools off unless asked for', () => {
    expect(web.devTools).toBe(false);
    expect(mainWindowOptions('/p.cjs', { devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('has a sensible size and a background colour', () => {
    expect(options.width).toBe(1280);
    expect(options.height).toBe(860);
    expect(options.minWidth).toBe(1024);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(options.show).toBe(false);
  });
});

describe('resolveAppFile', () => {
  const dist = resolve('/srv/kasane/dist/renderer');
  const inside = (...p: string[]) => join(dist, ...p);

  it('maps / (and the bare origin) to index.html', () => {
    expect(resolveAppFile(dist, 'app://kasane/')).toBe(inside('index.html'));
    expect(resolveAppFile(dist, 'app://kasane')).toBe(inside('index.html'));
    expect(resolveAppFile(dist, 'app://kasane/?lang=ja')).toBe(inside('index.html'));
    expect(resolveAppFile(dist, 'app://kasane/#/meetings')).toBe(inside('index.html'));
  });

  it('maps files and nested files, ignoring query and fragment', () => {
    expect(resolveAppFile(dist, 'app://kasane/index.html')).toBe(inside('index.html'));
    expect(resolveAppFile(dist, 'app://kasane/assets/index-Dx9.js?v=2')).toBe(inside('assets', 'index-Dx9.js'));
    expect(resolveAppFile(dist, 'app://kasane/assets/fonts/BIZUDPGothic-Regular.woff2#x')).toBe(
      inside('assets', 'fonts', 'BIZUDPGothic-Regular.woff2'),
    );
  });

  it('decodes percent-encoded names (e.g. Japanese file names)', () => {
    expect(resolveAppFile(dist, `app://kasane/assets/${encodeURIComponent('重ね.svg')}`)).toBe(inside('assets', '重ね.svg'));
    expect(resolveAppFile(dist, 'app://kasane/assets/a%20b.png')).toBe(inside('assets', 'a b.png'));
  });

  it.each([
    'app://kasane/../secret.txt',
    'app://kasane/assets/../../kasane.db',
    'app://kasane/./index.html',
    'app://kasane/%2e%2e/kasane.db',
    'app://kasane/%2E%2E/kasane.db',
    'app://kasane/assets/%2e%2e/%2e%2e/kasane.db',
    'app://kasane/.%2e/kasane.db',
    'app://kasane/..%2fkasane.db',
    'app://kasane/..%2Fkasane.db',
    'app://kasane/..%5ckasane.db',
    'app://kasane/assets%5c..%5c..%5ckasane.db',
    'app://kasane/..\\kasane.db',
    'app://kasane//etc/passwd',
    'app://kasane/%2fetc%2fpasswd',
    'app://kasane/C:/Windows/win.ini',
    'app://kasane/C%3a/Windows/win.ini',
    'app://kasane/%5c%5cserver%5cshare%5cx',
    'app://kasane/index.html%00.png',
    'app://kasane/index.html::$DATA',
    'app://kasane/index.html.',
    'app://kasane/index.html%20',
    'app://kasane/.env',
    'app://kasane/assets/',
    'app://kasane/CON',
    'app://kasane/nul.txt',
    'app://kasane/%E0%A4%A',
    'app://evil/index.html',
    'app://kasane.evil/index.html',
    'file:///srv/kasane/dist/renderer/index.html',
    'http://kasane/index.html',
    'javascript:alert(1)',
    '',
  ])('refuses %j', (url) => {
    expect(resolveAppFile(dist, url)).toBeNull();
  });

  it('never returns a path outside the dist folder', () => {
    const probes = ['a', 'b/c', 'x%2Fy', '%2e', '%2e%2e', '..', '.', '~', '%7e', 'a/../../b', 'ｘ', '%EF%BC%8E%EF%BC%8E'];
    for (const a of probes) {
      for (const b of probes) {
        const file = resolveAppFile(dist, `app://kasane/${a}/${b}`);
        if (file !== null) expect(file.startsWith(dist + sep)).toBe(true);
      }
    }
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['pdf.worker.min.mjs', 'text/javascript; charset=utf-8'],
    ['assets/index.CSS', 'text/css; charset=utf-8'],
    ['fonts/BIZUDPGothic-Regular.woff2', 'font/woff2'],
    ['fonts/NotoSansJP-Regular.ttf', 'font/ttf'],
    ['logo.svg', 'image/svg+xml'],
    ['icon.png', 'image/png'],
    ['locales/ja.json', 'application/json; charset=utf-8'],
    ['x.wasm', 'application/wasm'],
    ['no-extension', 'application/octet-stream'],
    ['archive.exe', 'application/octet-stream'],
  ])('%s → %s', (path, type) => {
    expect(contentTypeFor(path)).toBe(type);
  });
});

describe('planAppResponse', () => {
  const dist = resolve('/srv/kasane/dist/renderer');

  it('serves a file with its type and every security header, CSP included', () => {
    const plan = planAppResponse(dist, { method: 'GET', url: 'app://kasane/assets/index.js' });
    expect(plan.status).toBe(200);
    if (plan.status !== 200) return;
    expect(plan.file).toBe(join(dist, 'assets', 'index.js'));
    expect(plan.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(plan.headers['Content-Security-Policy']).toBe(RENDERER_CSP);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(plan.headers[name]).toBe(value);
  });

  it('answers HEAD like GET', () => {
    expect(planAppResponse(dist, { method: 'HEAD', url: 'app://kasane/' }).status).toBe(200);
  });

  it('refuses other methods with 405 and the security headers', () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'get']) {
      const plan = planAppResponse(dist, { method, url: 'app://kasane/index.html' });
      expect(plan.status).toBe(405);
      expect(plan.headers['Content-Security-Policy']).toBe(RENDERER_CSP);
      expect(plan.headers.Allow).toBe('GET, HEAD');
    }
  });

  it('answers 404 (with the security headers) to a path it refuses', () => {
    const plan = planAppResponse(dist, { method: 'GET', url: 'app://kasane/%2e%2e/kasane.db' });
    expect(plan.status).toBe(404);
    expect(plan.headers['Content-Security-Policy']).toBe(RENDERER_CSP);
    expect('file' in plan).toBe(false);
  });

  it('does not let callers mutate the shared header object', () => {
    const plan = planAppResponse(dist, { method: 'GET', url: 'app://kasane/' });
    plan.headers['X-Test'] = '1';
    expect((SECURITY_HEADERS as Record<string, string>)['X-Test']).toBeUndefined();
  });
});

describe('the preload and main agree on the channel', () => {
  it('the preload invokes RPC_CHANNEL and exposes exactly one key, "kasane", with one function', () => {
    const preload = readFileSync(new URL('../preload/preload.ts', import.meta.url), 'utf8');
    expect(preload).toContain(`ipcRenderer.invoke('${RPC_CHANNEL}'`);
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toContain("exposeInMainWorld('kasane'");
  });

  it('main.ts handles RPC_CHANNEL (through the constant) and checks the sender first', () => {
    const main = readFileSync(new URL('./main.ts', import.meta.url), 'utf8');
    expect(main).toContain('ipcMain.handle(RPC_CHANNEL');
    const handler = main.slice(main.indexOf('ipcMain.handle(RPC_CHANNEL'));
    expect(handler.indexOf('isTrustedSender(')).toBeGreaterThan(-1);
    expect(handler.indexOf('isTrustedSender(')).toBeLessThan(handler.indexOf('.dispatch('));
  });
});

describe('print window policy', () => {
  const fonts = new Set(['/biz-udpgothic-japanese-400.woff2', '/noto-sans-jp-400.ttf']);
  it('loads the document from memory and our fonts, nothing else', () => {
    expect(isAllowedPrintRequest(PRINT_DOCUMENT_URL, fonts)).toBe(true);
    expect(isAllowedPrintRequest('https://fonts.kasane.invalid/noto-sans-jp-400.ttf', fonts)).toBe(true);
    for (const url of [
      'https://fonts.kasane.invalid/other.ttf',
      'https://fonts.kasane.invalid/noto-sans-jp-400.ttf?x=1',
      'http://fonts.kasane.invalid/noto-sans-jp-400.ttf',
      'https://fonts.kasane.invalid.evil.com/noto-sans-jp-400.ttf',
      'https://print.kasane.invalid/other.html',
      'https://example.com/tracker.png',
      'file:///etc/passwd',
      'app://kasane/index.html',
      'not a url',
    ]) {
      expect(isAllowedPrintRequest(url, fonts), url).toBe(false);
    }
  });
  it('is hidden, sandboxed, without JavaScript, in its own partition', () => {
    const o = printWindowOptions();
    expect(o.show).toBe(false);
    expect(o.webPreferences).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, partition: PRINT_PARTITION });
    expect(o.webPreferences?.preload).toBeUndefined();
  });
});
