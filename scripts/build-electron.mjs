#!/usr/bin/env node
// Bundles the Electron main process and the preload into dist/electron/ (CommonJS, which is
// what Electron loads for `main` and what a sandboxed preload must be).
//   node scripts/build-electron.mjs [--outdir=DIR] [--only=main|preload|backupWorker]
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const outdir = resolve(arg('outdir') ?? join(root, 'dist', 'electron'));
const only = arg('only');

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', logLevel: 'warning', legalComments: 'none', sourcemap: false };

const targets = {
  // Native and browser-driving packages stay outside the bundle: they are loaded from
  // node_modules (the .node file unpacked from the asar) at run time.
  main: {
    ...common,
    entryPoints: [join(root, 'electron/main/main.ts')],
    outfile: join(outdir, 'main.cjs'),
    external: ['electron', 'better-sqlite3-multiple-ciphers', 'playwright-core'],
    // The core is ESM and finds its packages' files from import.meta.url; in the CommonJS bundle
    // that is this file's own URL.
    define: { 'import.meta.url': '__kasaneModuleUrl' },
    banner: { js: "const __kasaneModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  },
  // The backup's worker thread (electron/core/backup/backup-worker.ts): the core starts it from
  // beside main.cjs, as dist/electron/backup-worker.cjs (Electron loads worker scripts from the asar).
  backupWorker: {
    ...common,
    entryPoints: [join(root, 'electron/core/backup/backup-worker.ts')],
    outfile: join(outdir, 'backup-worker.cjs'),
    external: ['better-sqlite3-multiple-ciphers'],
  },
  // A sandboxed preload can require 'electron' and a few polyfilled modules, nothing from
  // disk: it must be one self-contained file.
  preload: {
    ...common,
    entryPoints: [join(root, 'electron/preload/preload.ts')],
    outfile: join(outdir, 'preload.cjs'),
    external: ['electron'],
  },
};

const names = only ? [only] : Object.keys(targets);
let failed = false;
for (const name of names) {
  const options = targets[name];
  if (!options) {
    console.error(`build-electron: unknown target ${name} (main, preload or backupWorker)`);
    process.exit(2);
  }
  try {
    await build(options);
    console.log(`build-electron: ${name} → ${options.outfile}`);
  } catch {
    // esbuild has already printed the errors.
    console.error(`build-electron: ${name} failed`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
