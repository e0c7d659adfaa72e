import net from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainWindowOptions, printWindowOptions } from '../electron/main/policy';
import { RENDERER_CSP } from '../electron/core/security/csp';
import { electronVersionOf, probeScript, scan, suppressions, verdict } from './check-electron.mjs';

const finding = (id, severity) => ({ id, severity: { name: severity }, confidence: { name: 'FIRM' }, file: 'x.ts', location: { line: 1, column: 0 } });

describe('verdict', () => {
  it('fails on HIGH and MEDIUM findings, passes LOW and INFORMATIONAL ones', () => {
    expect(verdict({ issues: [finding('A', 'LOW'), finding('B', 'INFORMATIONAL')], errors: [] }).ok).toBe(true);
    expect(verdict({ issues: [finding('A', 'MEDIUM')], errors: [] }).failing.map((i) => i.id)).toEqual(['A']);
    expect(verdict({ issues: [finding('A', 'HIGH'), finding('B', 'LOW')], errors: [] }).ok).toBe(false);
  });

  it('fails when a file could not be parsed (its checks did not run), not on a tolerable warning', () => {
    expect(verdict({ issues: [], errors: [{ file: 'a.ts', message: 'Unexpected token', tolerable: false }] }).ok).toBe(false);
    expect(verdict({ issues: [], errors: [{ file: 'a.ts', message: 'recovered', tolerable: true }] }).ok).toBe(true);
  });

  it('fails on an eng-disable without a reason', () => {
    const s = suppressions('m.ts', 'new BrowserWindow(o); /* eng-disable SANDBOX_JS_CHECK */');
    expect(verdict({ issues: [], errors: [] }, s).unexplained).toHaveLength(1);
  });
});

describe('suppressions', () => {
  it('reads the check names the tool reads and the reason after --', () => {
    const text = [
      'const a = 1;',
      'new BrowserWindow(o); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK -- values checked as a literal',
      'x(); /* eng-disable DANGEROUS_FUNCTIONS_JS_CHECK -- a constant string, reviewed */',
      '// a comment that only mentions eng-disable in passing is not one',
    ].join('\n');
    expect(suppressions('f.ts', text)).toEqual([
      { file: 'f.ts', line: 2, checks: ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK'], reason: 'values checked as a literal' },
      { file: 'f.ts', line: 3, checks: ['DANGEROUS_FUNCTIONS_JS_CHECK'], reason: 'a constant string, reviewed' },
    ]);
  });
});

describe('probe of the window options', () => {
  it('writes the policy’s real options as one literal per line, and suppresses PRELOAD only where there is a preload', () => {
    const text = probeScript({ main: mainWindowOptions('/p.cjs'), print: printWindowOptions() });
    const [main, print] = text.split('\n').filter((l) => l.startsWith('new BrowserWindow('));
    expect(main).toContain('"contextIsolation":true');
    expect(main).toContain('"sandbox":true');
    expect(main).toContain('"nodeIntegration":false');
    expect(main).toMatch(/eng-disable AUXCLICK_JS_CHECK PRELOAD_JS_CHECK -- /);
    expect(print).toContain('"javascript":false');
    expect(print).toMatch(/eng-disable AUXCLICK_JS_CHECK -- /);
  });

  it('reads the Electron version from package.json', () => {
    expect(electronVersionOf({ devDependencies: { electron: '45.4.1' } })).toBe('45.4.1');
    expect(electronVersionOf({ devDependencies: { electron: '^46.0.2' } })).toBe('46.0.2');
    expect(() => electronVersionOf({})).toThrow(/no Electron version/);
  });
});

// The real tool on a small app in a temp folder: what the wrapper reports, and that it stays offline.
describe('the real Electronegativity, offline', () => {
  let dir;
  const connects = [];
  const realConnect = net.Socket.prototype.connect;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kasane-eng-test-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fixture', devDependencies: { electron: '45.4.1' } }));
    // Navigation limited and permissions handled, as main.ts does, so the global checks are satisfied.
    writeFileSync(
      join(dir, 'main.js'),
      [
        "const { app, BrowserWindow, session } = require('electron');",
        'session.defaultSession.setPermissionRequestHandler((c, p, cb) => cb(false));',
        "app.on('web-contents-created', (e, contents) => { contents.on('will-navigate', (ev) => ev.preventDefault()); contents.setWindowOpenHandler(() => ({ action: 'deny' })); });",
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'weak.js'), "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: true } }); // eng-disable AUXCLICK_JS_CHECK -- test\n");
    net.Socket.prototype.connect = function (...args) {
      connects.push(args);
      return realConnect.apply(this, args);
    };
  });
  afterAll(() => {
    net.Socket.prototype.connect = realConnect;
    rmSync(dir, { recursive: true, force: true });
  });
  const run = (inputs, extra = {}) => scan({ sourceRoot: dir, inputs, electronVersion: '45.4.1', ...extra });
  const failingIds = (r) => verdict(r.result, r.suppressions).failing.map((i) => `${i.id} ${i.file}`);

  it('passes the policy’s real window options and CSP', async () => {
    const r = await run(['package.json', 'main.js'], { windows: { main: mainWindowOptions('/p.cjs'), print: printWindowOptions() }, csp: RENDERER_CSP });
    expect(failingIds(r)).toEqual([]);
    expect(r.result.errors).toEqual([]);
  }, 60_000);

  it('fails on contextIsolation: false written at the call', async () => {
    const r = await run(['package.json', 'main.js', 'weak.js'], { csp: RENDERER_CSP });
    expect(failingIds(r)).toEqual(['CONTEXT_ISOLATION_JS_CHECK weak.js']);
  }, 60_000);

  it('fails when the policy would turn the sandbox off: the probe carries the values', async () => {
    const weakened = mainWindowOptions('/p.cjs');
    weakened.webPreferences = { ...weakened.webPreferences, sandbox: false };
    const r = await run(['package.json', 'main.js'], { windows: { main: weakened }, csp: RENDERER_CSP });
    expect(failingIds(r)).toEqual(['SANDBOX_JS_CHECK electron/main/electronegativity-probe.generated.js']);
  }, 60_000);

  it('fails without the CSP probe (the tool cannot see a CSP sent as a header); reports a weak CSP below the bar', async () => {
    expect(failingIds(await run(['package.json', 'main.js']))).toEqual(['CSP_GLOBAL_CHECK N/A']);
    const remote = await run(['package.json', 'main.js'], { csp: "default-src 'self'; script-src 'self' https://cdn.example.com 'unsafe-eval'" });
    // A weak CSP is LOW for the tool: reported, below the bar; the test of csp.ts forbids remote origins outright.
    expect(remote.result.issues.map((i) => `${i.id} ${i.severity.name}`)).toContain('CSP_GLOBAL_CHECK LOW');
  }, 60_000);

  it('made no network connection while scanning', () => {
    expect(connects).toEqual([]);
  });
});
