// The Electron main process: glue only. Every decision (which URL, which sender, which
// permission, which file, which window options) is a function of ./policy, tested under Node.
// Bundled to dist/electron/main.cjs, so __dirname is dist/electron.
import { app, BrowserWindow, dialog, ipcMain, protocol, session, type Session } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KasaneError } from '../../shared/contract';
import { createCore } from '../core/app';
import { SECURITY_HEADERS } from '../core/security/csp';
import { resolvePaths } from '../core/vault/paths';
import { ElectronPrinter } from './electron-printer';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  RPC_CHANNEL,
  isAllowedNavigation,
  isAllowedRequest,
  isTrustedSender,
  mainWindowOptions,
  permissionDecision,
  planAppResponse,
  vaultArgFrom,
  windowOpenDecision,
} from './policy';

type Core = ReturnType<typeof createCore>;

const RENDERER_DIR = join(__dirname, '..', 'renderer');
const PRELOAD = join(__dirname, 'preload.cjs');
const devTools = !app.isPackaged;

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let quitState: 'running' | 'closing' | 'closed' = 'running';

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionDecision(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => permissionDecision(permission));
  ses.setDevicePermissionHandler(() => false);
  ses.setSpellCheckerEnabled(false);
  // No filter: every request of every kind passes through the policy; nothing leaves the PC.
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, { devTools }) }));
}

async function serveApp(request: Request): Promise<Response> {
  const plan = planAppResponse(RENDERER_DIR, { method: request.method, url: request.url });
  if (plan.status !== 200) return new Response(null, { status: plan.status, headers: plan.headers });
  let body: Buffer;
  try {
    body = await readFile(plan.file);
  } catch {
    // Missing, or a folder: the same answer, without saying which.
    return new Response(null, { status: 404, headers: { ...SECURITY_HEADERS } });
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: plan.headers });
}

function createMainWindow(): BrowserWindow {
  // Electronegativity reads window options only as a literal at this call: scripts/check-electron.mjs
  // checks the values mainWindowOptions() returns (contextIsolation, sandbox…) as one. A middle-click
  // (auxclick) can open nothing: every window and navigation off app:// is refused in start().
  const win = new BrowserWindow(mainWindowOptions(PRELOAD, { devTools })); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK -- policy.ts values, checked as a literal by check:electron
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.loadURL(APP_ENTRY_URL).catch((err: unknown) => console.error('[kasane] could not load the app page:', err));
  return win;
}

function bindRpc(): void {
  ipcMain.handle(RPC_CHANNEL, async (event, method: unknown, input: unknown) => {
    const frame = event.senderFrame;
    const trusted =
      event.sender === mainWindow?.webContents &&
      isTrustedSender(frame?.url, frame !== null && frame === event.sender.mainFrame);
    // A refusal is an exception, not a typed result: an untrusted frame learns nothing.
    if (!trusted) throw new Error('refused');
    if (core === null || quitState !== 'running') throw new Error('closing');
    if (typeof method !== 'string') return { ok: false, error: new KasaneError('unknown_method').toShape() };
    return core.dispatch(method, input);
  });
}

function start(): void {
  // Before 'ready': the scheme must be standard (relative URLs, an origin for CSP 'self'),
  // secure (a secure context), and fetch-able.
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
  // Sandbox every renderer, including any a future feature creates without saying so.
  app.enableSandbox();
  // The app needs no host name at all (the UI is app://, documents print from memory): resolving
  // none closes the connections Chromium opens before request filtering can refuse them (prefetch,
  // frames, meta refresh — measured on the Node printer; untested under Electron, no binary here).
  app.commandLine.appendSwitch('host-resolver-rules', 'MAP * ~NOTFOUND'); // eng-disable CUSTOM_ARGUMENTS_JS_CHECK -- closes the network (resolves no host); it opens nothing
  if (process.platform === 'win32') app.setAppUserModelId('jp.kasane.app');

  app.on('second-instance', focusMainWindow);
  app.on('session-created', hardenSession);
  app.on('web-contents-created', (_event, contents) => {
    const guard = (e: { url: string; preventDefault(): void }) => {
      if (!isAllowedNavigation(e.url)) e.preventDefault();
    };
    contents.on('will-navigate', guard);
    contents.on('will-frame-navigate', guard);
    contents.on('will-redirect', guard);
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => windowOpenDecision());
  });

  app.on('window-all-closed', () => app.quit());

  // The vault is locked (key wiped, lock file removed) before the process goes away.
  app.on('before-quit', (event) => {
    if (quitState === 'closed' || core === null) return;
    event.preventDefault();
    if (quitState === 'closing') return;
    quitState = 'closing';
    core
      .close()
      .catch((err: unknown) => console.error('[kasane] closing the vault failed:', err))
      .finally(() => {
        quitState = 'closed';
        app.quit();
      });
  });

  app
    .whenReady()
    .then(() => {
      hardenSession(session.defaultSession);
      protocol.handle(APP_SCHEME, serveApp);
      const paths = resolvePaths({ vault: vaultArgFrom(process.argv), appDataDir: app.getPath('appData'), env: process.env });
      core = createCore({ paths, createPrinter: () => new ElectronPrinter(process.resourcesPath) });
      bindRpc();
      mainWindow = createMainWindow();
    })
    .catch((err: unknown) => {
      console.error('[kasane] start-up failed:', err);
      dialog.showErrorBox('Kasane', `起動できませんでした。/ Kasane could not start.\n${err instanceof Error ? err.message : String(err)}`);
      app.exit(1);
    });
}

// One process per vault: a second launch focuses the window the first one already has.
if (app.requestSingleInstanceLock()) start();
else app.quit();
