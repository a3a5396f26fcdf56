import type { Problem } from '@duban/core';
import {
  findNodeAtLocation,
  getNodeValue,
  type Node,
  type ParseError,
  parseTree,
  printParseErrorCode,
} from 'jsonc-parser';

/** A JSON path as segments: ['rules', 2, 'event'] → $.rules[2].event */
export type JsonPath = (string | number)[];

/** Formats path segments as `$.rules[2].event`. */
export function formatPath(path: JsonPath): string {
  return (
    '$' +
    path
      .map((p) =>
        typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`,
      )
      .join('')
  );
}

/**
 * A parsed JSON file that remembers where every node came from, so problems can
 * say `file:line $.path` (JSON.parse keeps no positions).
 */
export class JsonDoc {
  readonly value: unknown;
  readonly syntaxErrors: Problem[] = [];
  private readonly root: Node | undefined;
  private readonly lineStarts: number[] = [0];

  constructor(
    readonly file: string,
    text: string,
  ) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    const errors: ParseError[] = [];
    this.root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
    for (const e of errors) {
      this.syntaxErrors.push({
        code: 'DUBAN_RULES_JSON',
        message: `invalid JSON: ${printParseErrorCode(e.error)}`,
        where: { file, line: this.lineOf(e.offset), path: '$' },
      });
    }
    this.value = this.root && !errors.length ? getNodeValue(this.root) : undefined;
  }

  /** 1-based line of a character offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** Line of the node at `path`, or of its nearest existing ancestor (a missing key points at its object). */
  lineAt(path: JsonPath): number {
    if (!this.root) return 1;
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(this.root, path.slice(0, n));
      if (node) {
        // For a property value, point at the line of its key: that is where authors look.
        const at = node.parent?.type === 'property' ? node.parent.offset : node.offset;
        return this.lineOf(at);
      }
    }
    return 1;
  }

  /** A problem located at `path` in this file. */
  problem(code: string, path: JsonPath, message: string): Problem {
    return { code, message, where: { file: this.file, line: this.lineAt(path), path: formatPath(path) } };
  }
}
