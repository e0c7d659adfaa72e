// The PDF pipeline measured side by side in one run: query → React → HTML → PDF for a 10-page
// and a 40-page 次第, cold (browser start included) and warm, against bare Chromium printing the
// same finished HTML; and a batch of 12 watermarked copies. Prints the peak memory of each.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { CLOSED_NETWORK_ARGS, sandboxArgs } from '../security/chromium';
import { createCore } from '../app';
import type { Agenda, CaseDetail, Member, Organization } from '../../../shared/contract';
import type { Meeting } from '../../../shared/contract/meetings';
import { resolvePaths } from '../vault/paths';
import { FAST_SCRYPT, VAULT_INPUT } from '../testing/temp-vault';
import { ChromiumPrinter, chromiumPath } from '../pdf/chromium-printer';
import { agendaDocument } from '../pdf/documents/agenda-document';
import { FONT_HOST, loadFonts } from '../pdf/fonts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

/** Resident memory of all Chromium processes together, in bytes. */
function chromiumRss(): number {
  try {
    return Number(execFileSync('sh', ['-c', "ps -C chromium -o rss= | awk '{s+=$1} END {print s+0}'"], { encoding: 'utf8' })) * 1024;
  } catch {
    return 0;
  }
}

async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; nodePeak: number; chromiumPeak: number }> {
  let nodePeak = process.memoryUsage().rss;
  let chromiumPeak = 0;
  const sample = () => {
    nodePeak = Math.max(nodePeak, process.memoryUsage().rss);
    chromiumPeak = Math.max(chromiumPeak, chromiumRss());
  };
  const timer = setInterval(sample, 100);
  const t0 = performance.now();
  try {
    const value = await fn();
    const ms = performance.now() - t0;
    sample();
    return { value, ms, nodePeak, chromiumPeak };
  } finally {
    clearInterval(timer);
  }
}

const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

export async function pdfBench(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'kasane-pdf-bench-'));
  const core = createCore({ paths: resolvePaths({ home, env: {} }), scrypt: FAST_SCRYPT, clock: () => new Date('2026-11-23T09:00:00+09:00') });
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await core.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.code}`);
    return r.value as T;
  };
  const printers: ChromiumPrinter[] = [];
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CLOSED_NETWORK_ARGS, ...sandboxArgs()] });
  try {
    await call('vault.create', VAULT_INPUT);
    const orgs = await call<Organization[]>('organization.list', {});
    for (let i = 0; i < 12; i++) await call('member.create', { name: `構成員 ${i + 1}`, organizationId: orgs[i % orgs.length]!.id, startOn: '2025-04-01' });
    const members = await call<Member[]>('member.list', {});
    const meetingWith = async (cases: number, date: string) => {
      const { meeting } = await call<{ meeting: Meeting }>('meeting.create', {
        type: 'shien', date, startTime: '09:00', endTime: '17:00', place: '第1会議室', inviteeMemberIds: members.map((m) => m.id),
      });
      for (let i = 0; i < cases; i++) {
        const c = await call<CaseDetail>('case.register', { initials: `${String.fromCharCode(65 + (i % 26))}・K`, receivedOn: '2026-10-01' });
        await call('agenda.addCaseItem', {
          meetingId: meeting.id, caseId: c.id, kind: (['new', 'evaluation', 'closure', 'report'] as const)[i % 4], minutes: 10,
          participantMemberIds: members.slice(0, 1 + (i % 6)).map((m) => m.id),
        });
      }
      return meeting.id;
    };

    /** Our whole pipeline: query (through the contract) → React → HTML → PDF. */
    const pipeline = async (meetingId: string, printer: ChromiumPrinter) => {
      const meeting = await call<Meeting>('meeting.get', { id: meetingId });
      const agenda = await call<Agenda>('agenda.get', { meetingId });
      const html = agendaDocument({ municipalityName: VAULT_INPUT.municipalityName, secretariatName: VAULT_INPUT.secretariatName, meeting, agenda });
      return { html, pdf: await printer.print(html) };
    };

    // Bare Chromium: the same finished HTML, the same fonts, page.pdf() and nothing else.
    const fonts = loadFonts();
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    await ctx.route('**/*', (r) => {
      const u = new URL(r.request().url());
      const font = u.host === FONT_HOST ? fonts.get(u.pathname) : undefined;
      return font ? r.fulfill({ body: font }) : r.abort();
    });
    const bare = async (html: string) => {
      const page = await ctx.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
      await page.close();
      return pdf;
    };

    console.log('PDF pipeline (次第 of a 支援会議; Chromium via playwright-core)');
    let tenPageHtml = '';
    let warmPrinter: ChromiumPrinter | null = null;
    for (const [label, cases, date] of [['10-page', 230, '2026-12-01'], ['40-page', 960, '2026-12-02']] as const) {
      const id = await meetingWith(cases, date);
      const printer = new ChromiumPrinter();
      printers.push(printer);
      const cold = await measured(() => pipeline(id, printer));
      const html = cold.value.html;
      if (label === '10-page') tenPageHtml = html;
      await bare(html); // the baseline warms its fonts too
      const ours: number[] = [];
      const theirs: number[] = [];
      let peak = { node: cold.nodePeak, chromium: cold.chromiumPeak };
      for (let r = 0; r < 5; r++) {
        const a = await measured(() => pipeline(id, printer));
        ours.push(a.ms);
        peak = { node: Math.max(peak.node, a.nodePeak), chromium: Math.max(peak.chromium, a.chromiumPeak) };
        theirs.push((await measured(() => bare(html))).ms);
      }
      console.log(
        `${label} (${pageCount(cold.value.pdf)} pages): cold ${cold.ms.toFixed(0)} ms (browser start included); warm: ours ${median(ours).toFixed(0)} ms, bare Chromium ${median(theirs).toFixed(0)} ms → ${(median(ours) / median(theirs)).toFixed(2)}×; peak RSS node ${mb(peak.node)}, all Chromium ${mb(peak.chromium)}`,
      );
      warmPrinter = printer;
    }

    // 12 copies, each watermarked with its recipient and copy number, on the warm printer.
    const batch = await measured(async () => {
      for (let copy = 1; copy <= 12; copy++) {
        await warmPrinter!.print(tenPageHtml.replace('<body>', `<body><div class="watermark">写し ${copy}/12 構成員 ${copy}</div>`));
      }
    });
    console.log(
      `batch: 12 watermarked copies of the 10-page 次第, warm: ${(batch.ms / 12).toFixed(0)} ms a copy (${batch.ms.toFixed(0)} ms in all); peak RSS node ${mb(batch.nodePeak)}, all Chromium ${mb(batch.chromiumPeak)}`,
    );
    console.log('goals: warm ours ≤ 1.2× bare Chromium; < 500 ms a copy in a batch');
  } finally {
    for (const p of printers) await p.close();
    await browser.close();
    await core.close();
    rmSync(home, { recursive: true, force: true });
  }
}
