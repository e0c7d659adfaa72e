import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { fontFaceCss } from './fonts';

/**
 * The frame of every official document: A4, BIZ UDPGothic, 禁則 (line-break: strict), page
 * numbers in the footer, the issuing municipality and secretariat, and for confidential
 * documents the 秘 mark on every page. Documents are always Japanese, whatever the UI language.
 */
export interface DocumentFrame {
  title: string;
  municipalityName: string;
  secretariatName: string;
  /** Prints the 秘 mark on every page (in the page margin, so it never covers text). */
  confidential?: boolean;
  /**
   * Printed faintly across the middle of every page and again in the footer, e.g. the recipient
   * and copy number. Horizontal, not diagonal: rotated text extracts as scattered characters,
   * which would hide it from a text check and from anyone searching a leaked copy.
   */
  watermark?: string;
}

const cssString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;

function printCss(frame: DocumentFrame): string {
  return `${fontFaceCss()}
@page {
  size: A4;
  margin: 20mm 18mm 22mm 18mm;
  @top-left { content: ${cssString(`${frame.municipalityName} ${frame.secretariatName}`)}; font-family: 'BIZ UDPGothic', 'Noto Sans JP'; font-size: 8.5pt; color: #333; }
  @bottom-center { content: counter(page) " / " counter(pages) " ページ"; font-family: 'BIZ UDPGothic', 'Noto Sans JP'; font-size: 8.5pt; }
${frame.watermark ? `  @bottom-left { content: ${cssString(frame.watermark)}; font-family: 'BIZ UDPGothic', 'Noto Sans JP'; font-size: 8.5pt; white-space: nowrap; }` : ''}
${frame.confidential ? `  @top-right { content: "秘"; font-family: 'BIZ UDPGothic', 'Noto Sans JP'; font-weight: 700; font-size: 14pt; color: #000;
    border: 0.6mm solid #000; width: 10mm; height: 10mm; vertical-align: middle; text-align: center; margin-top: 6mm; }` : ''}
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: 'BIZ UDPGothic', 'Noto Sans JP'; font-size: 10.5pt; line-height: 1.75; color: #000;
  line-break: strict; word-break: normal; overflow-wrap: anywhere; }
h1 { font-size: 16pt; font-weight: 700; text-align: center; margin: 0 0 8mm; letter-spacing: 0.1em; }
h2 { font-size: 12pt; font-weight: 700; margin: 7mm 0 2mm; padding-bottom: 1mm; border-bottom: 0.4mm solid #000; }
p { margin: 0 0 2.5mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.3mm solid #000; padding: 1.5mm 2.5mm; text-align: left; vertical-align: top; }
th { font-weight: 700; background: #eee; width: 30%; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
ol, ul { margin: 0 0 2.5mm; padding-left: 6mm; }
li { margin-bottom: 1.2mm; }
.meta { text-align: right; margin-bottom: 6mm; }
.watermark { position: fixed; top: 118mm; left: 0; right: 0; text-align: center; font-size: 24pt; font-weight: 700;
  color: #dadada; white-space: nowrap; z-index: -1; letter-spacing: 0.05em; }
`;
}

export function renderDocument(frame: DocumentFrame, body: ReactNode): string {
  const markup = renderToStaticMarkup(
    <html lang="ja">
      <head>
        <meta charSet="utf-8" />
        <title>{frame.title}</title>
        <style>{printCss(frame)}</style>
      </head>
      <body>
        {frame.watermark ? <div className="watermark">{frame.watermark}</div> : null}
        {body}
      </body>
    </html>,
  );
  return `<!doctype html>${markup}`;
}
