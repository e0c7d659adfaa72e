import { mkdirSync } from 'node:fs';
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
