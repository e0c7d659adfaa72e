// The PDF printer of the desktop app: Electron's own Chromium prints in a hidden, sandboxed
// window with JavaScript off (ARCHITECTURE.md, "PDF"). The document comes from memory and only
// our fonts may load. Electron is not runnable on the build machines: the decisions are in
// ./policy (tested), this file is glue.
import { BrowserWindow, session } from 'electron';
import type { Printer } from '../core/pdf/printer';
import { FONT_FILES, loadFonts } from '../core/pdf/fonts';
import { PRINT_DOCUMENT_URL, PRINT_PARTITION, isAllowedPrintRequest, printWindowOptions } from './policy';

export class ElectronPrinter implements Printer {
  private window: BrowserWindow | null = null;
  private html = '';
  private queue: Promise<unknown> = Promise.resolve();
  private readonly fonts: Map<string, Buffer>;
  private readonly fontPaths: ReadonlySet<string> = new Set(FONT_FILES.map((f) => f.urlPath));

  constructor(resourcesDir: string) {
    this.fonts = loadFonts(resourcesDir);
  }

  private ready(): BrowserWindow {
    if (this.window && !this.window.isDestroyed()) return this.window;
    const ses = session.fromPartition(PRINT_PARTITION);
    // Replaces the app-wide request filter for this partition: the document and the fonts only.
    ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedPrintRequest(details.url, this.fontPaths) }));
    ses.protocol.handle('https', (request) => {
      const url = new URL(request.url);
      if (request.url === PRINT_DOCUMENT_URL) return new Response(this.html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
      const font = url.host === 'fonts.kasane.invalid' ? this.fonts.get(url.pathname) : undefined;
      return font ? new Response(new Uint8Array(font), { headers: { 'Content-Type': url.pathname.endsWith('.ttf') ? 'font/ttf' : 'font/woff2' } }) : Response.error();
    });
    // Electronegativity reads window options only as a literal at this call: scripts/check-electron.mjs
    // checks the values printWindowOptions() returns as one. The window is never shown: no clicks.
    this.window = new BrowserWindow(printWindowOptions()); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK -- policy.ts values, checked as a literal by check:electron
    return this.window;
  }

  print(html: string): Promise<Buffer> {
    const job = this.queue.then(async () => {
      const win = this.ready();
      this.html = html;
      try {
        await win.loadURL(PRINT_DOCUMENT_URL);
        return await win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true, generateTaggedPDF: true, generateDocumentOutline: true });
      } finally {
        // Nothing of the document stays in memory between prints.
        this.html = '';
        await win.loadURL('about:blank').catch(() => undefined);
      }
    });
    this.queue = job.catch(() => undefined);
    return job;
  }

  async close(): Promise<void> {
    this.window?.destroy();
    this.window = null;
  }
}
