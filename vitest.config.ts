import { defineConfig } from 'vitest/config';

// The secretariat's PC keeps Japanese time: times recorded "now" (arrival, 閉会) and "today" are
// local. Tests run in that time zone whatever the machine's is, so a clock of 10:00 JST is 10:00.
process.env.TZ = 'Asia/Tokyo';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.{ts,tsx}', 'renderer/**/*.test.{ts,tsx}', 'scripts/**/*.test.{ts,mjs}', 'bin/**/*.test.ts', 'tools/**/*.test.ts'],
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
