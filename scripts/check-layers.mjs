#!/usr/bin/env node
// The direction of imports is the architecture (../shared/ARCHITECTURE.md). This check resolves
// every import of every source file to the layer it lands in and fails on a forbidden edge,
// e.g. shared/ importing node:fs or the renderer, or the renderer importing the core.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const LAYERS = ['shared', 'electron/core', 'electron/main', 'electron/preload', 'renderer'];
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** layer → layers it may import, and whether it may use Node builtins, Electron, or npm packages. */
const RULES = {
  shared: { layers: ['shared'], node: false, electron: false, packages: ['zod'] },
  'electron/core': { layers: ['shared', 'electron/core'], node: true, electron: false, packages: 'any' },
  'electron/main': { layers: ['shared', 'electron/core', 'electron/main'], node: true, electron: true, packages: 'any' },
  'electron/preload': { layers: ['shared', 'electron/preload'], node: false, electron: true, packages: [], typeOnly: ['shared'] },
  renderer: { layers: ['shared', 'renderer'], node: false, electron: false, packages: 'any' },
};

// Tests beside the code may use the test tools, nothing else extra.
const TEST_FILE = /\.test\.[cm]?[jt]sx?$/;
const TEST_PACKAGES = ['vitest', 'fast-check'];

const layerOf = (file) => LAYERS.filter((l) => file === l || file.startsWith(`${l}/`)).sort((a, b) => b.length - a.length)[0];

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name)) yield path;
  }
}

// Static imports start a statement (a line, or after a semicolon): "import" inside a comment or a
// string does not count. Dynamic import() and require() count wherever they are.
const IMPORT = /(?:^|;)[ \t]*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** `sources`: [{ path: repository-relative path, text }]. Returns one line per forbidden import. */
export function checkLayers(sources) {
  const problems = [];
  for (const { path: rel, text } of sources) {
    const file = resolve(root, rel);
    const layer = layerOf(rel);
    if (!layer) continue;
    const rule = RULES[layer];
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[3] ?? m[4] ?? m[5];
      const typeOnly = Boolean(m[2]);
      const where = `${rel}: import '${spec}'`;
      if (spec.startsWith('.')) {
        const target = relative(root, resolve(dirname(file), spec));
        const targetLayer = layerOf(target);
        if (!targetLayer) {
          problems.push(`${where} leaves the layers (${target})`);
        } else if (!rule.layers.includes(targetLayer)) {
          problems.push(`${where}: ${layer} may not import ${targetLayer}`);
        } else if (rule.typeOnly?.includes(targetLayer) && !typeOnly) {
          problems.push(`${where}: ${layer} may import ${targetLayer} for types only (import type)`);
        }
      } else if (NODE_BUILTINS.has(spec) || NODE_BUILTINS.has(spec.split('/')[0])) {
        if (!rule.node) problems.push(`${where}: ${layer} may not use Node builtins`);
      } else if (spec === 'electron' || spec.startsWith('electron/')) {
        if (!rule.electron) problems.push(`${where}: ${layer} may not import Electron`);
      } else if (rule.packages !== 'any') {
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        const testing = TEST_FILE.test(rel) && TEST_PACKAGES.includes(pkg);
        if (!rule.packages.includes(pkg) && !testing) problems.push(`${where}: ${layer} may not import the package ${pkg}`);
      }
    }
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = LAYERS.flatMap((l) => {
    try {
      return [...sources(join(root, l))];
    } catch {
      return [];
    }
  });
  const problems = checkLayers(files.map((f) => ({ path: relative(root, f), text: readFileSync(f, 'utf8') })));
  if (problems.length) {
    console.error(`Layer rule violations (${problems.length}):\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`layers: ${files.length} files, no forbidden imports`);
}
