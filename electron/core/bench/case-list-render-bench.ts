// The case list as a user meets it: 10,000 cases, from pressing Alt+3 to the first rows on
// screen, in Chromium against the browser host (query + JSON + React + virtualized table).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { CLOSED_NETWORK_ARGS, sandboxArgs } from '../security/chromium';
import { createCore } from '../app';
import { resolvePaths } from '../vault/paths';
import { FAST_SCRYPT, VAULT_INPUT } from '../testing/temp-vault';
import { startHost } from '../host/server';
import { chromiumPath } from '../pdf/chromium-printer';
import { registerCase } from '../cases/case-repository';
import { addDays } from '../../../shared/domain/calendar-date';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function caseListRenderBench(): Promise<void> {
  const rendererDir = resolve(import.meta.dirname, '../../../dist/renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.log('case list render: skipped (run npm run build:renderer first)');
    return;
  }
  const home = mkdtempSync(join(tmpdir(), 'kasane-render-bench-'));
  const core = createCore({ paths: resolvePaths({ home, env: {} }), scrypt: FAST_SCRYPT });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CLOSED_NETWORK_ARGS, ...sandboxArgs()] });
  try {
    const created = await core.dispatch('vault.create', VAULT_INPUT);
    if (!created.ok) throw new Error(created.error.code);
    const { db, staff } = core.session.vault;
    const orgs = db.prepare('SELECT id FROM organizations').pluck().all() as string[];
    db.transaction(() => {
      for (let i = 0; i < 10_000; i++) {
        registerCase(
          db,
          { initials: `${String.fromCharCode(65 + (i % 26))}・${String.fromCharCode(65 + ((i * 7) % 26))}`, receivedOn: addDays('2016-04-01', Math.floor(i * 0.365)), leadOrganizationId: orgs[i % orgs.length]!, categoryIds: [['8050', 'poverty', 'young_carer'][i % 3]!] },
          staff.id,
          new Date(),
        );
      }
    })();
    const host = await startHost({ core, rendererDir, port: 0 });
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(host.url);
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
    const times: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      await page.keyboard.press('Alt+3');
      await page.locator('tbody[role="rowgroup"] tr[role="row"]').first().waitFor();
      times.push(performance.now() - t0);
      await page.keyboard.press('Alt+1');
      await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
    }
    const rowsInDom = await (async () => {
      await page.keyboard.press('Alt+3');
      await page.locator('tbody[role="rowgroup"] tr[role="row"]').first().waitFor();
      return page.locator('tbody[role="rowgroup"] tr[role="row"]').count();
    })();
    console.log(
      `case list render, 10,000 cases (Alt+3 → first rows on screen, browser host): first ${times[0]!.toFixed(0)} ms, median of 5 ${median(times).toFixed(0)} ms; ${rowsInDom} rows in the DOM (virtualized)`,
    );
    await host.close();
  } finally {
    await browser.close();
    await core.close();
    rmSync(home, { recursive: true, force: true });
  }
}
