export type Part = { op: 'same' | 'added' | 'removed'; text: string };
export type Folded = Part | { op: 'fold'; lines: number };

/** Lines kept around each change when unchanged text is folded. */
const CONTEXT = 2;

/**
 * Folds long unchanged stretches to a few lines of context around each change (a diff of minutes
 * is mostly the same text), leaving a marker that says how many lines are hidden.
 */
export function foldParts(parts: Part[], context = CONTEXT): Folded[] {
  const out: Folded[] = [];
  parts.forEach((p, i) => {
    if (p.op !== 'same') {
      out.push(p);
      return;
    }
    const lines = p.text.split(/(?<=\n)/);
    const keepHead = i === 0 ? 0 : context;
    const keepTail = i === parts.length - 1 ? 0 : context;
    if (lines.length <= keepHead + keepTail + 1) {
      out.push(p);
      return;
    }
    if (keepHead > 0) out.push({ op: 'same', text: lines.slice(0, keepHead).join('') });
    out.push({ op: 'fold', lines: lines.length - keepHead - keepTail });
    if (keepTail > 0) out.push({ op: 'same', text: lines.slice(lines.length - keepTail).join('') });
  });
  return out;
}
