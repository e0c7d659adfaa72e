import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { createCore, type KasaneCore } from '../electron/core/app';
import { resolvePaths } from '../electron/core/vault/paths';
import { startHost } from '../electron/core/host/server';

export interface KasaneApp {
  /** The URL the kasane command would print (with #token=…). */
  url: string;
  core: KasaneCore;
  tmpDir: string;
  /**
   * Moves the core's clock (the injectable clock of createCore) to this instant, as if the days
   * had passed with the app open: the session counts it as activity so the idle lock stays out of it.
   */
  setClock(instant: Date): void;
}

// KASANE_RENDERER_DIR: a renderer built elsewhere (two people testing different builds side by side).
const rendererDir = process.env.KASANE_RENDERER_DIR ?? resolve(import.meta.dirname, '..', 'dist', 'renderer');

/**
 * Each test gets its own core and browser host in a fresh temp folder, in this process, and a
 * page already open at the host's URL. Nothing is shared between tests.
 */
export const test = base.extend<{ app: KasaneApp; cspViolations: string[] }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  app: async ({}, use) => {
    const tmpDir = mkdtempSync(join(tmpdir(), 'kasane-e2e-'));
    let offsetMs = 0;
    const core = createCore({ paths: resolvePaths({ home: tmpDir, env: {} }), clock: () => new Date(Date.now() + offsetMs) });
    const host = await startHost({ core, port: 0, rendererDir });
    const setClock = (instant: Date) => {
      offsetMs = instant.getTime() - Date.now();
      if (core.session.isUnlocked) core.session.touch();
    };
    try {
      await use({ url: host.url, core, tmpDir, setClock });
    } finally {
      await host.close();
      await core.close();
      rmSync(tmpDir, { recursive: true, force: true });
    }
  },
  /** Console messages of the page about a refused script, style or resource (the CSP). */
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  cspViolations: async ({}, use) => {
    await use([]);
  },
  /** The page opened at the host's URL; any script error or console error fails the test. */
  page: async ({ page, app, cspViolations }, use) => {
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      if (/Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
      problems.push(`${msg.text()} (${msg.location().url})`);
    });
    page.on('pageerror', (error) => problems.push(`${error.name}: ${error.message}`));
    await page.goto(app.url);
    await use(page);
    expect(problems, 'errors in the page console').toEqual([]);
  },
});

export { expect };

/** A passphrase the strength rules accept (long, several kinds of characters). */
export const STRONG_PASSPHRASE = 'ひだまり 坂道 2026 みずうみ';

export const VAULT = {
  municipalityName: 'みほん市',
  secretariatName: '福祉課',
  staffName: '試験 太郎',
};

/** Creates the real vault through the first-run form and waits for ホーム. */
export async function createVaultThroughUi(page: Page, passphrase = STRONG_PASSPHRASE): Promise<void> {
  await page.getByLabel('自治体名').fill(VAULT.municipalityName);
  await page.getByLabel('事務局名').fill(VAULT.secretariatName);
  await page.getByLabel('最初の職員の氏名').fill(VAULT.staffName);
  await page.getByLabel('パスフレーズ', { exact: true }).fill(passphrase);
  await page.getByLabel('パスフレーズ（確認）').fill(passphrase);
  await page.getByRole('button', { name: '保管庫を作成' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
}
