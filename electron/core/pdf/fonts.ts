import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * The fonts every document prints with: BIZ UDPGothic (the UD font municipalities use) and
 * Noto Sans JP as a TrueType fallback for characters BIZ UDPGothic lacks (𠮷). A CFF/OTF
 * fallback would embed as Type 3 and extract out of order (STACK.md), so the fallback is TTF.
 * They are read from the npm packages; the packaged app gets the same files as resources.
 */
export interface FontFile {
  /** Path under the font host, e.g. /biz-udpgothic-japanese-400.woff2 */
  urlPath: string;
  family: 'BIZ UDPGothic' | 'Noto Sans JP';
  weight: 400 | 700;
  format: 'woff2' | 'truetype';
  /** CSS unicode-range, where the file is a subset. */
  unicodeRange?: string;
  source: string; // package-relative path
}

export const FONT_HOST = 'fonts.kasane.invalid';

export const FONT_FILES: readonly FontFile[] = [400, 700].flatMap((weight) => [
  {
    urlPath: `/biz-udpgothic-latin-${weight}.woff2`,
    family: 'BIZ UDPGothic' as const,
    weight: weight as 400 | 700,
    format: 'woff2' as const,
    unicodeRange: 'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+2000-206F, U+2074, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD',
    source: `@fontsource/biz-udpgothic/files/biz-udpgothic-latin-${weight}-normal.woff2`,
  },
  {
    urlPath: `/biz-udpgothic-japanese-${weight}.woff2`,
    family: 'BIZ UDPGothic' as const,
    weight: weight as 400 | 700,
    format: 'woff2' as const,
    source: `@fontsource/biz-udpgothic/files/biz-udpgothic-japanese-${weight}-normal.woff2`,
  },
  {
    urlPath: `/noto-sans-jp-${weight}.ttf`,
    family: 'Noto Sans JP' as const,
    weight: weight as 400 | 700,
    format: 'truetype' as const,
    source: `@expo-google-fonts/noto-sans-jp/${weight === 400 ? '400Regular/NotoSansJP_400Regular' : '700Bold/NotoSansJP_700Bold'}.ttf`,
  },
]);

/** Reads every font once (about 14 MB); the printer keeps them for its lifetime. */
export function loadFonts(resourcesDir?: string): Map<string, Buffer> {
  const require = createRequire(import.meta.url);
  const fonts = new Map<string, Buffer>();
  for (const f of FONT_FILES) {
    const packaged = resourcesDir ? join(resourcesDir, 'fonts', f.urlPath.slice(1)) : null;
    const path = packaged && existsSync(packaged) ? packaged : require.resolve(f.source);
    fonts.set(f.urlPath, readFileSync(path));
  }
  return fonts;
}

/** @font-face rules pointing at the font host the printer answers. */
export function fontFaceCss(): string {
  return FONT_FILES.map(
    (f) => `@font-face { font-family: '${f.family}'; font-weight: ${f.weight}; font-style: normal; font-display: block;
  src: url('https://${FONT_HOST}${f.urlPath}') format('${f.format}');${f.unicodeRange ? ` unicode-range: ${f.unicodeRange};` : ''} }`,
  ).join('\n');
}
