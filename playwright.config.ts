import { defineConfig } from '@playwright/test';

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
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
