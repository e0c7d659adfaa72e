#!/usr/bin/env node
// npm start: the desktop app where Electron's binary is present; otherwise the same app through
// the browser host in a Chromium app window (or its URL), saying why.
import { spawnSync, spawn } from 'node:child_process';
import { findElectronBinary } from './electron-binary.mjs';

const args = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const build = spawnSync(npm, ['run', '--silent', 'build:renderer'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const electron = findElectronBinary();
if ('path' in electron) {
  const built = spawnSync(npm, ['run', '--silent', 'build:electron'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  const child = spawn(electron.path, ['.', ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`${electron.why}。\nブラウザ版（同じアプリ、127.0.0.1 のみ）で起動します。`);
  const child = spawn(process.execPath, ['bin/kasane.mjs', 'serve', ...args], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
