import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request } from '@playwright/test';
import { test, expect, createVaultThroughUi } from './fixtures';
import { shot, todayInPage, call } from './support';

// No network at run time, seen from the browser (issue 9, Hardening): every request the page
// makes while a secretariat works through the screens goes to the browser host's own origin, and
// the CSP the host sends forbids every remote origin — checked as text and as behaviour (a page
// that tries to reach another server is stopped by the browser).

/** A server on this machine the page is tempted to reach: it must see nothing. */
async function trapServer(): Promise<{ server: Server; port: number; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.end('');
  });
  server.on('connection', () => hits.push('connection'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, hits };
}

/** The CSP as directive → sources. */
function parseCsp(header: string): Map<string, string[]> {
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!.toLowerCase(), sources]),
  );
}

/** Sources that name no other machine: keywords, and data:/blob: (made in the page itself). */
const LOCAL_SOURCES = new Set(["'self'", "'none'", 'data:', 'blob:']);

test('every request of a working session stays on the host’s own origin; the CSP names no remote origin', async ({ page, app, cspViolations }) => {
  const origin = new URL(app.url).origin;
  const requests: string[] = [];
  const record = (r: Request) => requests.push(r.url());
  page.context().on('request', record);
  page.on('websocket', (ws) => requests.push(ws.url()));

  // Load again with the recorder on, from the very first request (the page, its scripts, fonts).
  // (From about:blank: the same URL again would only be a jump to its #fragment.)
  await page.goto('about:blank');
  const first = await page.goto(app.url);
  expect(first?.status()).toBe(200);
  const csp = first!.headers()['content-security-policy'];
  expect(csp).toBeTruthy();

  // The CSP: fetches fall back to default-src 'none'; every directive lists only our own origin,
  // data: or blob:; no wildcard, scheme or host; no inline script, no eval.
  const directives = parseCsp(csp!);
  expect(directives.get('default-src')).toEqual(["'none'"]);
  for (const name of ['connect-src', 'script-src', 'img-src', 'font-src', 'style-src']) expect(directives.has(name), name).toBe(true);
  const remote = [...directives].flatMap(([name, sources]) => sources.filter((s) => !LOCAL_SOURCES.has(s)).map((s) => `${name} ${s}`));
  expect(remote, 'sources naming anything but our own origin').toEqual([]);
  expect(directives.get('connect-src')).toEqual(["'self'"]);
  expect(directives.get('script-src')).toEqual(["'self'"]);
  expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  expect(directives.get('form-action')).toEqual(["'none'"]);

  // A working session: the vault, then every screen with some data, a case, a meeting, its 次第 in the PDF preview.
  await expect(page.getByRole('heading', { name: '重ねへようこそ' })).toBeVisible();
  await shot(page, 'no-network-01-first-run');
  await createVaultThroughUi(page);
  const orgs = await call<{ id: string; name: string }[]>(app, 'organization.list', {});
  const houkatsu = orgs.find((o) => o.name === '地域包括支援センター')!;
  const member = await call<{ id: string }>(app, 'member.create', { name: '相談 一郎', organizationId: houkatsu.id, startOn: '2020-04-01' });
  const today = todayInPage();
  const registered = await call<{ id: string; caseNumber: string }>(app, 'case.register', { initials: 'K.S', fullName: '佐藤 健一', receivedOn: today });
  const { meeting } = await call<{ meeting: { id: string } }>(app, 'meeting.create', { type: 'shien', date: today, startTime: '14:00', inviteeMemberIds: [member.id] });
  await call(app, 'agenda.addCaseItem', { meetingId: meeting.id, caseId: registered.id, kind: 'new', minutes: 15 });

  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
  await shot(page, 'no-network-02-home');

  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { level: 1, name: '会議' })).toBeVisible();
  await page.getByRole('listitem').filter({ hasText: '支援会議' }).first().getByRole('button').first().click();
  await expect(page.getByRole('heading', { level: 1, name: /支援会議/ })).toBeVisible();
  await page.getByRole('button', { name: '次第を出力' }).click();
  const preview = page.getByRole('dialog', { name: '次第のプレビュー' });
  await expect(preview.getByText(/全\d+ページ/)).toBeVisible({ timeout: 30_000 });
  await expect(preview.getByTestId('pdf-pages').locator('.textLayer').first()).toContainText(registered.caseNumber);
  await shot(page, 'no-network-03-agenda-preview');
  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();

  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('heading', { level: 1, name: 'ケース' })).toBeVisible();
  await page.getByText(registered.caseNumber).first().click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(registered.caseNumber) })).toBeVisible();
  await shot(page, 'no-network-04-case');

  for (const [key, heading, name] of [
    ['Alt+4', '誓約書', 'no-network-05-pledges'],
    ['Alt+5', '役割分担', 'no-network-06-roles'],
    ['Alt+6', '設定', 'no-network-07-settings'],
    ['Alt+7', '関係機関・構成員', 'no-network-08-directory'],
  ] as const) {
    await page.keyboard.press(key);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeFocused();
    await shot(page, name);
  }
  await page.getByRole('navigation').getByRole('link', { name: /会議間の進捗/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: '会議間の進捗' })).toBeVisible();
  await shot(page, 'no-network-09-between-meetings');
  await page.keyboard.press('Control+l');
  await expect(page.getByRole('heading', { name: '保管庫の解錠' })).toBeVisible();

  // Everything asked for went to the host itself (blob: URLs are made in the page: the PDF preview).
  const foreign = requests.filter((u) => !(u.startsWith(`${origin}/`) || u.startsWith(`blob:${origin}/`) || u.startsWith('data:')));
  expect(requests.length).toBeGreaterThan(20);
  expect(foreign, 'requests to anything but the host').toEqual([]);
  expect(requests.some((u) => u.startsWith(`${origin}/rpc/`))).toBe(true);
  expect(cspViolations).toEqual([]);
});

test('the browser enforces the CSP: a page of ours cannot send a request to another server, even on this machine', async ({ page, app }) => {
  const trap = await trapServer();
  try {
    // A second tab of our own origin, without the fixture's console watch (the refusals below are logged as errors).
    const origin = new URL(app.url).origin;
    const other = await page.context().newPage();
    await other.goto(`${origin}/`);
    // (Code as strings: the e2e tsconfig has no DOM types.)
    await other.evaluate("window.violations = []; document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.effectiveDirective))");
    const target = `http://127.0.0.1:${trap.port}`;
    // Each way a page could send something, one at a time: what the trap saw after each.
    const attempts: Record<string, string> = {
      fetch: `fetch('${target}/fetch').then(() => 'reached', () => 'blocked')`,
      image: `new Promise((r) => { const i = new Image(); i.onload = () => r('reached'); i.onerror = () => r('blocked'); i.src = '${target}/image.png'; })`,
      beacon: `navigator.sendBeacon('${target}/beacon', 'x') ? 'queued' : 'refused'`,
      stylesheet: `new Promise((r) => { const l = document.createElement('link'); l.rel = 'stylesheet'; l.href = '${target}/style.css'; l.onload = () => r('reached'); l.onerror = () => r('blocked'); document.head.append(l); })`,
      script: `new Promise((r) => { const s = document.createElement('script'); s.src = '${target}/script.js'; s.onload = () => r('reached'); s.onerror = () => r('blocked'); document.head.append(s); })`,
      frame: `new Promise((r) => { const f = document.createElement('iframe'); f.src = '${target}/frame'; document.body.append(f); setTimeout(() => r('added'), 200); })`,
      form: `(() => { const f = document.createElement('form'); f.method = 'post'; f.action = '${target}/form'; document.body.append(f); f.submit(); return 'submitted'; })()`,
    };
    const seen: Record<string, string[]> = {};
    const outcome: Record<string, string> = {};
    for (const [name, code] of Object.entries(attempts)) {
      trap.hits.length = 0;
      outcome[name] = String(await other.evaluate(code));
      await other.waitForTimeout(300);
      seen[name] = [...trap.hits.filter((h) => h !== 'connection')];
    }
    const violations = (await other.evaluate('window.violations')) as string[];
    await other.close();
    expect(outcome).toMatchObject({ fetch: 'blocked', image: 'blocked', stylesheet: 'blocked', script: 'blocked' });
    expect(new Set(violations)).toEqual(new Set(['connect-src', 'img-src', 'style-src-elem', 'script-src-elem', 'frame-src', 'form-action']));
    // No request arrived. (Chromium may open a bare TCP connection ahead of a request it then
    // refuses — a preconnect, no byte of data; the Electron session refuses the requests likewise.)
    expect(seen, 'requests that reached the other server').toEqual(Object.fromEntries(Object.keys(attempts).map((k) => [k, []])));
  } finally {
    trap.server.closeAllConnections();
    await new Promise<void>((resolve) => trap.server.close(() => resolve()));
  }
});
