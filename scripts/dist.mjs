#!/usr/bin/env node
// Packages the app (`npm run dist`, after `npm run build`). Needs a connected machine of the
// target OS: Electron, its headers and NSIS are downloaded, and the native module is compiled
// for the OS it runs on. Extra arguments go to electron-builder (e.g. `-- --linux`).
//
// node_modules/better-sqlite3-multiple-ciphers is built for Node (the tests use it). It is
// rebuilt for Electron's ABI in place, packaged, then rebuilt for Node again, even on failure.
// If this script is killed in between, run `npm rebuild better-sqlite3-multiple-ciphers`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const NATIVE = 'better-sqlite3-multiple-ciphers';

const fail = (message) => {
  console.error(`\ndist: ${message}`);
  process.exit(1);
};

const run = (command, args) => {
  console.log(`\ndist: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status === 0;
};

/** The path of a package's bin script, run with this Node rather than through npx's lookup. */
const binOf = (pkg, name) => {
  // Looked up on disk: a package's "exports" may hide its package.json from require.resolve.
  const manifest = (require.resolve.paths(pkg) ?? []).map((dir) => join(dir, pkg, 'package.json')).find((f) => existsSync(f));
  if (!manifest) fail(`${pkg} is not installed (it comes with the devDependencies).`);
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
  return join(dirname(manifest), typeof bin === 'string' ? bin : bin[name]);
};

// electron 45 and @electron/rebuild 4 declare Node >= 22.12; the rest of the project runs on 20.
if (Number(process.versions.node.split('.')[0]) < 22) {
  console.warn(`dist: warning: Node ${process.versions.node}; electron and @electron/rebuild declare Node >= 22.12.`);
}

// 1. Electron's binary: `require('electron')` returns its path, downloading it first if needed.
console.log('dist: looking for the Electron binary (downloaded on first use)…');
const electronPath = (() => {
  try {
    return require('electron');
  } catch {
    return null;
  }
})();
if (typeof electronPath !== 'string' || !existsSync(electronPath)) {
  fail(
    'no Electron binary is available on this machine, and it could not be downloaded.\n' +
      'Packaging needs a connected machine (Electron, its headers and NSIS are downloaded).\n' +
      'Here, use `npm start` (browser host) or `kasane serve` instead.',
  );
}

// 2. What gets packaged must exist.
for (const file of ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
  if (!existsSync(join(root, file))) fail(`${file} is missing: run \`npm run build\` first (\`npm run dist\` does).`);
}

// 3. Native module for Electron, package, and back to Node whatever happened: nothing between
// the rebuild and the restore may throw or exit (both tools are located beforehand).
const electronRebuild = binOf('@electron/rebuild', 'electron-rebuild');
const electronBuilder = binOf('electron-builder', 'electron-builder');
const rebuilt = run(process.execPath, [electronRebuild, '-f', '-w', NATIVE]);
const packaged =
  rebuilt && run(process.execPath, [electronBuilder, '--config', 'electron-builder.yml', '--publish', 'never', ...process.argv.slice(2)]);
if (!run('npm', ['rebuild', NATIVE])) {
  console.error(`\ndist: WARNING: ${NATIVE} is still built for Electron; tests will fail until \`npm rebuild ${NATIVE}\` succeeds.`);
}
if (!rebuilt) fail(`@electron/rebuild could not build ${NATIVE} for Electron.`);
if (!packaged) fail('electron-builder failed (see above).');
console.log('\ndist: packages are in release/');
