import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPrinter } from './chromium-printer';
import { renderDocument } from './official-document';
import { recoveryKeySheet } from './documents/recovery-key-sheet';
import { checkPdf } from '../testing/pdf-check';

let printer: ChromiumPrinter;

beforeAll(() => {
  printer = new ChromiumPrinter();
});
afterAll(async () => {
  await printer.close();
});

function pdfcheck(pdf: Buffer, name: string, args: string[]): { ok: boolean; out: string } {
  try {
    return { ok: true, out: checkPdf(pdf, name, args) };
  } catch (err) {
    return { ok: false, out: String((err as Error).message) };
  }
}

describe('PDF engine (Chromium)', () => {
  it('prints an A4 Japanese document with embedded fonts, 禁則, page numbers and rare kanji', async () => {
    const long = '重層的支援体制整備事業における支援会議では、構成員は正当な理由なく会議で知り得た秘密を漏らしてはならない。'.repeat(40);
    const html = renderDocument(
      { title: '試験文書', municipalityName: 'みほん市', secretariatName: '福祉課', confidential: true, watermark: '写し 1 / 社会福祉協議会' },
      <>
        <h1>試験文書</h1>
        <p>𠮷田 髙橋 山﨑 — 人名の異体字も印字されること。</p>
        <p>{long}</p>
        <p>{long}</p>
      </>,
    );
    const pdf = await printer.print(html);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const check = pdfcheck(pdf, 'engine.pdf', ['--expect', '𠮷田', '--expect', '髙橋', '--expect', '山﨑', '--expect', '1 / 3 ページ', '--expect', '秘']);
    expect(check.out).toContain('');
    expect(check.ok, check.out).toBe(true);
  });

  it('refuses every request but the fonts: a document cannot load anything from outside', async () => {
    const html = renderDocument(
      { title: 'x', municipalityName: 'みほん市', secretariatName: '福祉課' },
      <>
        <p>外部の画像は読み込まれない。</p>
        <img src="http://127.0.0.1:9/tracker.png" alt="" />
        <link rel="stylesheet" href="https://example.com/x.css" />
      </>,
    );
    const pdf = await printer.print(html);
    expect(pdfcheck(pdf, 'closed.pdf', ['--expect', '外部の画像']).ok).toBe(true);
  });

  it('prints the recovery key sheet', async () => {
    const key = 'K7QF-2M9X-TV4B-8HRD-3NWC-P6YJ-Q0AE';
    const pdf = await printer.print(
      recoveryKeySheet({ municipalityName: 'みほん市', secretariatName: '福祉課', createdOn: '2026-11-23', createdBy: '試験 太郎', recoveryKey: key }),
    );
    const check = pdfcheck(pdf, 'recovery-key.pdf', ['--expect', '保管庫の回復キー', '--expect', 'K7QF', '--expect', 'Q0AE', '--expect', '令和8年11月23日', '--expect', '金庫']);
    expect(check.ok, check.out).toBe(true);
  });
});
