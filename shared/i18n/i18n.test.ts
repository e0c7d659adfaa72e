import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../contract/errors';
import { en, ja, resources } from './index';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('UI strings', () => {
  const jaFlat = flatten(ja as unknown as Tree);
  const enFlat = flatten(en as unknown as Tree);

  it('ja and en have exactly the same keys', () => {
    const onlyJa = [...jaFlat.keys()].filter((k) => !enFlat.has(k));
    const onlyEn = [...enFlat.keys()].filter((k) => !jaFlat.has(k));
    expect({ onlyJa, onlyEn }).toEqual({ onlyJa: [], onlyEn: [] });
  });

  it('has no empty string in either language', () => {
    const empty = [...jaFlat, ...enFlat].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('uses the same interpolation names in both languages', () => {
    const differ = [...jaFlat.keys()].filter(
      (k) => enFlat.has(k) && placeholders(jaFlat.get(k)!).join() !== placeholders(enFlat.get(k)!).join(),
    );
    expect(differ).toEqual([]);
  });

  it('has a message for every error code under errors.*', () => {
    for (const code of ERROR_CODES) {
      expect(jaFlat.get(`errors.${code}`)).toBeTruthy();
      expect(enFlat.get(`errors.${code}`)).toBeTruthy();
    }
  });

  it('exposes both languages as i18next resources', () => {
    expect(Object.keys(resources)).toEqual(['ja', 'en']);
    expect(resources.ja.translation).toBe(ja);
    expect(resources.en.translation).toBe(en);
  });
});
