import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { FONT_HOST, loadFonts } from './fonts';
import { CLOSED_NETWORK_ARGS, findChromium, sandboxArgs } from '../security/chromium';
import type { Printer } from './printer';


export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const path = findChromium(env);
  if (!path) throw new Error('Chromium not found: install Debian chromium or set CHROMIUM_PATH');
  return path;
}

/**
 * A warm headless Chromium (fonts loaded once, one context) printing with JavaScript off and
 * every request refused except our fonts. Prints are serialised: one page at a time keeps
 * memory flat and the output deterministic.
 */
export class ChromiumPrinter implements Printer {
  private browser: Browser | null = null;
  private context: BrowserContext | null = null;
  private page: Page | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly fonts: Map<string, Buffer>;

  constructor(opts: { resourcesDir?: string } = {}) {
    this.fonts = loadFonts(opts.resourcesDir);
  }

  private async ready(): Promise<BrowserContext> {
    if (this.context) return this.context;
    // The printer resolves no host at all, loopback and literal IPs included: a prefetch, a frame,
    // an object or a meta refresh in a document would otherwise open a connection before the
    // request routing can refuse it (measured in the no-network test). Only the printer gets this:
    // the browser-host window must still reach 127.0.0.1.
    this.browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CLOSED_NETWORK_ARGS, ...sandboxArgs(), '--host-resolver-rules=MAP * ~NOTFOUND'] });
    this.context = await this.browser.newContext({ javaScriptEnabled: false, offline: false });
    await this.context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      const font = url.host === FONT_HOST ? this.fonts.get(url.pathname) : undefined;
      // Cacheable, so the renderer keeps the parsed fonts between prints instead of reloading 14 MB.
      return font
        ? route.fulfill({
            body: font,
            contentType: url.pathname.endsWith('.ttf') ? 'font/ttf' : 'font/woff2',
            headers: { 'Cache-Control': 'public, max-age=31536000, immutable', 'Access-Control-Allow-Origin': '*' },
          })
        : route.abort();
    });
    return this.context;
  }

  print(html: string): Promise<Buffer> {
    const job = this.queue.then(async () => {
      // One page, reused: its renderer keeps the decoded fonts, which dominate a small document.
      this.page ??= await (await this.ready()).newPage();
      await this.page.setContent(html, { waitUntil: 'load' });
      // Web fonts requested during layout must be in before printing.
      await this.page.evaluate('document.fonts.ready').catch(() => undefined);
      const pdf = await this.page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
      // Leave nothing of the last document in the page between prints.
      await this.page.setContent('<!doctype html><title></title>');
      return pdf;
    });
    // A crashed or broken page is replaced on the next print.
    this.queue = job.catch(() => {
      this.page = null;
    });
    return job;
  }

  async close(): Promise<void> {
    await this.browser?.close();
    this.browser = null;
    this.context = null;
    this.page = null;
  }
}
