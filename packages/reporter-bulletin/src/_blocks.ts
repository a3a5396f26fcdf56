/**
 * The bulletin body as a list of blocks the template lays out (and a Word writer
 * could write): headings by level, paragraphs with an optional run-in lead.
 */
export type Block =
  /** 一、 heading (黑体). */
  | { kind: 'h1'; text: string }
  /** （一） heading (楷体). */
  | { kind: 'h2'; text: string }
  /** A paragraph; `lead` is a run-in heading printed in 楷体 before the text. */
  | { kind: 'p'; text: string; lead?: string };

/** Numbers level-1 headings 一、二、… in order of appearance. */
export function h1(n: number, text: string, numeral: (n: number) => string): Block {
  return { kind: 'h1', text: `${numeral(n)}、${text}` };
}

/**
 * Subsections: headings （一）（二）… only when there are at least two of them
 * (no （一） without a （二）); a single one is printed as plain paragraphs.
 */
export function subsections(
  parts: readonly { heading: string; blocks: readonly Block[] }[],
  numeral: (n: number) => string,
): Block[] {
  const present = parts.filter((p) => p.blocks.length > 0);
  if (present.length === 1) return [...present[0]!.blocks];
  return present.flatMap((p, i) => [{ kind: 'h2', text: `（${numeral(i + 1)}）${p.heading}` } as Block, ...p.blocks]);
}
