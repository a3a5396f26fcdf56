/**
 * Text helpers shared by the parser. Notices scraped from web pages mix half- and
 * full-width punctuation, so parsing runs on a copy where every half-width mark is
 * replaced by its full-width twin. The copy has the same length as the original,
 * which lets offsets found in it cut the text exactly as the notice wrote it.
 */

const WIDE: Record<string, string> = {
  ',': '，',
  ':': '：',
  ';': '；',
  '(': '（',
  ')': '）',
  '〈': '<',
  '〉': '>',
  '＜': '<',
  '＞': '>',
  '﹙': '（',
  '﹚': '）',
};

/** Length-preserving normalisation: half-width punctuation → full-width, angle brackets → `<>`, full-width digits → ASCII. */
export function widen(text: string): string {
  // Full-width digits (１．实施…) become ASCII so numbering and figures read the same.
  return text.replace(/[,:;()〈〉＜＞﹙﹚０-９]/g, (c) => WIDE[c] ?? String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Whitespace including the ideographic space and no-break space. */
export const SPACE = /[\s\u3000\u00a0\u200b\ufeff]/g;

const BLANK = /[\s\u3000\u00a0\u200b\ufeff]/;

/** Trims ASCII and CJK whitespace at both ends (a loop: an anchored regex retries at every offset). */
export function trimAll(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && BLANK.test(s[a]!)) a++;
  while (b > a && BLANK.test(s[b - 1]!)) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** Key used to compare unit names: no whitespace, every bracket pair written `<…>`. */
export function nameKey(s: string): string {
  return s
    .replace(SPACE, '')
    .replace(/[（(〈＜［[【]/g, '<')
    .replace(/[）)〉＞］\]】]/g, '>');
}

const DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Chinese numeral up to 99 (一, 十, 十二, 二十三) → number; NaN when not one. */
export function chineseNumber(s: string): number {
  if (!/^[〇零一二两三四五六七八九十]+$/.test(s)) return Number.NaN;
  const ten = s.indexOf('十');
  if (ten < 0) return s.length === 1 ? DIGITS[s]! : Number.NaN;
  const high = ten === 0 ? 1 : (DIGITS[s.slice(0, ten)] ?? Number.NaN);
  const rest = s.slice(ten + 1);
  const low = rest === '' ? 0 : (DIGITS[rest] ?? Number.NaN);
  return high * 10 + low;
}

/** Pads a month or day to two digits. */
export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
