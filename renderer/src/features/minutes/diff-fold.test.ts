import { describe, expect, it } from 'vitest';
import { foldParts } from './diff-fold';

const lines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `行${from + i}\n`).join('');

describe('folding a diff of minutes', () => {
  it('keeps two lines of context around a change and says how many lines are hidden', () => {
    const folded = foldParts([
      { op: 'same', text: lines(1, 10) },
      { op: 'added', text: '・兄が同居を始めた\n' },
      { op: 'same', text: lines(11, 20) },
    ]);
    expect(folded).toEqual([
      { op: 'fold', lines: 8 },
      { op: 'same', text: '行9\n行10\n' },
      { op: 'added', text: '・兄が同居を始めた\n' },
      { op: 'same', text: '行11\n行12\n' },
      { op: 'fold', lines: 8 },
    ]);
  });

  it('keeps a short unchanged stretch between two changes whole', () => {
    const parts = [
      { op: 'removed' as const, text: 'a\n' },
      { op: 'same' as const, text: lines(1, 5) },
      { op: 'added' as const, text: 'b\n' },
    ];
    expect(foldParts(parts)).toEqual(parts);
  });

  it('folds the middle of a long stretch between two changes', () => {
    const folded = foldParts([
      { op: 'removed', text: 'a\n' },
      { op: 'same', text: lines(1, 9) },
      { op: 'added', text: 'b\n' },
    ]);
    expect(folded[1]).toEqual({ op: 'same', text: '行1\n行2\n' });
    expect(folded[2]).toEqual({ op: 'fold', lines: 5 });
    expect(folded[3]).toEqual({ op: 'same', text: '行8\n行9\n' });
  });

  it('never drops a changed part', () => {
    const folded = foldParts([
      { op: 'added', text: 'x\n' },
      { op: 'removed', text: 'y\n' },
    ]);
    expect(folded.map((p) => p.op)).toEqual(['added', 'removed']);
  });
});
