// "No network at run time" (issue 9, Hardening), proven on the real core: a whole working day —
// vault, directory, case, consent, pledges, 支援会議, meeting mode, close, 確定, two PDFs printed by
// the real headless Chromium — with every way Node has to reach another machine observed. The
// printer talks to Chromium over a pipe (playwright's --remote-debugging-pipe), so not even a
// loopback connection is expected. Chromium's own requests never pass through Node: for them the
// proof is a trap server on this machine that a document's remote resources point at.
import childProcess, { execFileSync } from 'node:child_process';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http, { createServer, type Server } from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KasaneCore } from '../app';
import { ChromiumPrinter } from '../pdf/chromium-printer';
import { SCENARIO_NOW, runWorkingDay } from '../testing/scenario';
import { tempHome, testCore } from '../testing/temp-vault';
import { CLOSED_NETWORK_ARGS } from './chromium';

// The default exports of Node's modules are their CommonJS module objects: what every caller
// (ours, playwright-core's, undici's) really uses, so a property replaced here is seen by all.
interface Observed {
  /** Every attempt to reach a host or a socket, by API: nothing is allowed. */
  attempts: string[];
  /** Every process started, with its arguments. */
  spawns: { command: string; args: string[] }[];
  stop(): void;
}

const describeTarget = (args: unknown[]): string => {
  const [a, b] = args as [unknown, unknown];
  if (typeof a === 'object' && a !== null) {
    const o = a as { path?: string; host?: string; hostname?: string; port?: number; href?: string };
    return o.href ?? (o.path && !o.host ? `socket ${o.path}` : `${o.hostname ?? o.host ?? '?'}:${o.port ?? '?'}${o.path ?? ''}`);
  }
  return [a, b].filter((x) => typeof x === 'string' || typeof x === 'number').join(':');
};

/** Wraps every outbound API of Node (restored by stop()); records calls, lets them proceed. */
function observeNetwork(): Observed {
  const attempts: string[] = [];
  const spawns: Observed['spawns'] = [];
  const restore: (() => void)[] = [];
  const wrap = <T extends object>(owner: T, key: keyof T & string, label: string) => {
    const original = owner[key] as unknown as (...a: unknown[]) => unknown;
    if (typeof original !== 'function') return;
    (owner as Record<string, unknown>)[key] = function (this: unknown, ...args: unknown[]) {
      attempts.push(`${label} ${describeTarget(args)}`);
      return original.apply(this, args);
    };
    restore.push(() => ((owner as Record<string, unknown>)[key] = original));
  };
  wrap(net.Socket.prototype, 'connect', 'net.Socket.connect');
  wrap(tls, 'connect', 'tls.connect');
  for (const fn of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveSrv', 'resolveTxt', 'reverse'] as const) wrap(dns, fn, `dns.${fn}`);
  for (const fn of ['lookup', 'resolve', 'resolve4', 'resolve6'] as const) wrap(dns.promises, fn, `dns.promises.${fn}`);
  wrap(http, 'request', 'http.request');
  wrap(http, 'get', 'http.get');
  wrap(https, 'request', 'https.request');
  wrap(https, 'get', 'https.get');
  wrap(dgram.Socket.prototype, 'send', 'dgram.send');
  wrap(dgram.Socket.prototype, 'connect', 'dgram.connect');
  wrap(globalThis, 'fetch', 'fetch');
  const spawn = childProcess.spawn;
  childProcess.spawn = function (this: unknown, command: string, args?: readonly string[], ...rest: unknown[]) {
    spawns.push({ command, args: [...(Array.isArray(args) ? args : [])] });
    return (spawn as (...a: unknown[]) => unknown).call(this, command, args, ...rest);
  } as typeof childProcess.spawn;
  restore.push(() => (childProcess.spawn = spawn));
  return { attempts, spawns, stop: () => restore.reverse().forEach((r) => r()) };
}

/** A server on this machine that remote resources of a document point at: it must see nothing. */
let trap: Server;
let trapPort: number;
const trapHits: string[] = [];

beforeAll(async () => {
  trap = createServer((req, res) => {
    trapHits.push(`request ${req.method} ${req.url}`);
    res.writeHead(200, { 'Content-Type': 'image/png' });
    res.end();
  });
  trap.on('connection', () => trapHits.push('connection'));
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
  trapPort = (trap.address() as AddressInfo).port;
});
afterAll(async () => {
  trap.closeAllConnections();
  await new Promise<void>((resolve) => trap.close(() => resolve()));
});

/** The text of a PDF, extracted in memory (pdftotext reads stdin, writes stdout). */
const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8' });

describe('no network at run time', () => {
  it('a whole working day, two PDFs included, makes no connection attempt of any kind; Chromium gets the closed-network flags and a pipe', async () => {
    const t = tempHome();
    let core: KasaneCore | null = null;
    const observed = observeNetwork();
    try {
      // The observers and the trap are proven to see a call first (then forgotten).
      await (await fetch(`http://127.0.0.1:${trapPort}/self-check`)).arrayBuffer();
      expect(observed.attempts).toEqual(expect.arrayContaining([expect.stringMatching(/^fetch /), expect.stringMatching(/^net\.Socket\.connect /)]));
      expect(trapHits).toContain('request GET /self-check');
      observed.attempts.length = 0;
      trapHits.length = 0;

      core = testCore(t.paths, () => SCENARIO_NOW);
      // Notes typed in meeting mode with markup in them: printed as text, never fetched.
      const notes = `本人と面談した。資料は後日 <img src="http://127.0.0.1:${trapPort}/notes.png"> https://example.com/x.png`;
      const day = await runWorkingDay(core, { notes });
      await core.close();
      core = null;
      observed.stop();

      expect(observed.attempts, 'outbound attempts from the Node process').toEqual([]);
      // One Chromium, started by the printer, with every closed-network flag and CDP over a pipe, not a port.
      const browsers = observed.spawns.filter((s) => s.args.some((a) => a.startsWith('--remote-debugging')));
      expect(browsers).toHaveLength(1);
      expect(browsers[0]!.args).toEqual(expect.arrayContaining([...CLOSED_NETWORK_ARGS, '--remote-debugging-pipe']));
      expect(browsers[0]!.args.filter((a) => a.startsWith('--remote-debugging-port'))).toEqual([]);
      expect(observed.spawns.map((s) => s.command)).toEqual([browsers[0]!.command]);

      expect(day.pdfs.map((p) => p.name)).toEqual(['次第', '支援会議記録']);
      const minutes = pdfText(Buffer.from(day.pdfs[1]!.pdfBase64, 'base64'));
      // The markup is printed as the words that were typed, and nothing was fetched for it.
      expect(minutes.replace(/\s+/g, '')).toContain(`<imgsrc="http://127.0.0.1:${trapPort}/notes.png">`);
      expect(trapHits).toEqual([]);
    } finally {
      observed.stop();
      await core?.close();
      t.cleanup();
    }
  }, 120_000);

  describe('the printer refuses every remote resource of a document', () => {
    let printer: ChromiumPrinter;
    beforeAll(() => {
      printer = new ChromiumPrinter();
    });
    afterAll(async () => {
      await printer.close();
    });

    it('images, styles, fonts, scripts, embeds, media, preloads and pings never reach a server; the PDF still prints', async () => {
      trapHits.length = 0;
      const trapUrl = (what: string) => `http://127.0.0.1:${trapPort}/${what}`;
      const html = `<!doctype html><html lang="ja"><head><meta charset="utf-8">
        <title>外部参照の試験</title>
        <link rel="stylesheet" href="${trapUrl('style.css')}">
        <link rel="preload" as="image" href="${trapUrl('preload.png')}">
        <link rel="icon" href="${trapUrl('favicon.ico')}">
        <style>
          @import url("${trapUrl('import.css')}");
          @font-face { font-family: Trap; src: url("${trapUrl('font.woff2')}"); }
          body { background: url("${trapUrl('background.png')}"); font-family: Trap, sans-serif; }
          @page { @top-right { content: url("${trapUrl('margin.png')}"); } }
        </style>
        <script src="${trapUrl('script.js')}"></script>
      </head><body>
        <p>外部の資源は一つも読み込まれない。</p>
        <img src="https://example.com/x.png" alt="">
        <img src="${trapUrl('img.png')}" alt="">
        <img srcset="${trapUrl('srcset.png')} 1x" alt="">
        <picture><source srcset="${trapUrl('source.png')}"><img src="${trapUrl('picture.png')}" alt=""></picture>
        <svg width="10" height="10"><image href="${trapUrl('svg.png')}" width="10" height="10"/></svg>
        <embed src="${trapUrl('embed.swf')}">
        <video poster="${trapUrl('poster.png')}" src="${trapUrl('video.mp4')}"></video>
        <audio src="${trapUrl('audio.mp3')}" autoplay></audio>
        <input type="image" src="${trapUrl('input.png')}" alt="">
        <a href="${trapUrl('link')}" ping="${trapUrl('ping')}">リンク</a>
      </body></html>`;
      const observed = observeNetwork();
      let pdf: Buffer;
      try {
        pdf = await printer.print(html);
        // A second print of a harmless document: anything delayed from the first would have arrived by now.
        await printer.print('<!doctype html><title>x</title><p>x</p>');
      } finally {
        observed.stop();
      }
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdfText(pdf)).toContain('外部の資源は一つも読み込まれない。');
      expect(trapHits, 'requests or connections that reached the trap server').toEqual([]);
      expect(observed.attempts).toEqual([]);
    }, 60_000);

    // Closed by the printer's own --host-resolver-rules (chromium-printer.ts): without it,
    // <link rel="prefetch"> sent a whole GET, and an <iframe>, an <object> or a
    // <meta http-equiv="refresh"> opened a TCP connection before any request could be refused.
    it('a prefetch, a frame, an object and a meta refresh reach no server past the routing', async () => {
      const leaks: Record<string, string[]> = {};
      for (const [name, tag] of Object.entries({
        prefetch: `<link rel="prefetch" href="http://127.0.0.1:${trapPort}/prefetch">`,
        frame: `<iframe src="http://127.0.0.1:${trapPort}/frame.html"></iframe>`,
        object: `<object data="http://127.0.0.1:${trapPort}/object.pdf"></object>`,
        refresh: `<meta http-equiv="refresh" content="0;url=http://127.0.0.1:${trapPort}/refresh">`,
      })) {
        trapHits.length = 0;
        // Such a document may fail to print (a refresh navigates away mid-print): it leaks nothing,
        // and the printer must still print the next document.
        await printer.print(`<!doctype html><html><head><title>x</title>${tag}</head><body><p>x</p></body></html>`).catch(() => undefined);
        expect((await printer.print('<!doctype html><title>x</title><p>x</p>')).subarray(0, 5).toString()).toBe('%PDF-');
        if (trapHits.length > 0) leaks[name] = [...trapHits];
      }
      expect(leaks).toEqual({});
    }, 60_000);
  });
});
