import { mkdirSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import type { Locator, Page } from '@playwright/test';
import type { KasaneApp } from './fixtures';

/** Screenshots of the screens under test, looked at by the person who changes them. */
export const SHOTS = '/tmp/shots';

/** A screenshot of the whole page (fonts loaded, no hover state) to `/tmp/shots/<name>.png`. */
export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

/** Today in the page's time zone (playwright.config: Asia/Tokyo), as the forms default to it. */
export const todayInPage = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());

/** A core call for setup speed (the UI under test is elsewhere); a refused call fails the test. */
export async function call<T>(app: KasaneApp, method: string, input: unknown): Promise<T> {
  const result = await app.core.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** An organization as `organization.list` returns it (the fields the specs read). */
export interface Org {
  id: string;
  name: string;
}

/** 持ち出しの記録: what every 保存 / 印刷 of a document asks first (the core logs it with the file's hash). */
export async function fillRelease(scope: Locator, recipient = '事務局保管', purpose = '動作確認'): Promise<void> {
  await scope.getByLabel('宛先（渡す相手）', { exact: true }).fill(recipient);
  await scope.getByLabel('目的', { exact: true }).fill(purpose);
}

/** A PNG built by hand (signature, IHDR, IDAT, IEND): 8-bit RGB, each pixel's colour from `pixel`. */
export function png(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const raw = Buffer.alloc((width * 3 + 1) * height); // each row: filter byte 0, then the pixels
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), y * (width * 3 + 1) + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A small scanned form: a pale page with a dark band and ruled lines. */
export const scanPng = (width = 240, height = 160): Buffer =>
  png(width, height, (x, y) => {
    const band = y > 20 && y < 36 && x > 20 && x < width - 20;
    const line = y > 50 && y % 16 === 0 && x > 20 && x < width - 60;
    const v = band ? 40 : line ? 120 : 245;
    return [v, v, band ? 90 : v];
  });
