import { textWidth } from './_table.js';

// Where a title may break: after closing punctuation and brackets, before opening ones,
// and after 的/和/及/与 (a title is broken between phrases, never inside a word).
const BREAK_AFTER = /[，、；：）》”’的和及与]/u;
const BREAK_BEFORE = /[（《“‘]/u;

/**
 * A title as the lines GB/T 9704 §7.3.1 asks for: a long one broken between
 * phrases (never inside a word) into lines as even as the phrases allow, a
 * slightly longer upper line preferred, as the PDF's balanced title breaks it.
 * `perLine` is how many characters of its size fit a line.
 * Returns one line when it fits, or when no break point gives a better shape.
 */
export function titleLines(title: string, perLine: number): string[] {
  if (textWidth(title) <= perLine) return [title];
  const chars = [...title];
  const lines: string[] = [];
  let rest = chars;
  while (textWidth(rest.join('')) > perLine) {
    const remaining = textWidth(rest.join(''));
    const count = Math.ceil(remaining / perLine);
    const target = remaining / count;
    let best = -1;
    let bestScore = Infinity;
    for (let i = 1; i < rest.length; i++) {
      const ok = BREAK_AFTER.test(rest[i - 1]!) || BREAK_BEFORE.test(rest[i]!);
      if (!ok) continue;
      const w = textWidth(rest.slice(0, i).join(''));
      if (w > perLine) break;
      // Prefer the upper line a little longer (a trapezoid), then the nearest to an even split.
      const score = Math.abs(w - target) + (w < target ? 0.5 : 0);
      if (score < bestScore) {
        bestScore = score;
        best = i;
      }
    }
    if (best < 0) {
      // No phrase boundary fits: fill the line.
      best = 1;
      while (best < rest.length && textWidth(rest.slice(0, best + 1).join('')) <= perLine) best++;
    }
    lines.push(rest.slice(0, best).join(''));
    rest = rest.slice(best);
  }
  lines.push(rest.join(''));
  return lines;
}
