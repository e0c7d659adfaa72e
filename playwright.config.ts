import { defineConfig } from '@playwright/test';
import { CLOSED_NETWORK_ARGS, findChromium, sandboxArgs } from './electron/core/security/chromium';

// End-to-end tests drive Debian's Chromium against the browser host, with a fresh core and
// vault per test (e2e/fixtures.ts). Build the renderer first: npm run build:renderer.
// The core runs in this process (e2e/fixtures.ts) and decides what "today" is; the page runs in
// Chromium with timezoneId below. Both must be on the same clock, as they are on a real PC.
process.env.TZ = 'Asia/Tokyo';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/artifacts',
  workers: 2,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: { width: 1280, height: 800 },
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: findChromium() ?? '/usr/bin/chromium',
      args: [...CLOSED_NETWORK_ARGS, ...sandboxArgs()],
    },
  },
});
