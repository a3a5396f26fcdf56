/**
 * A saved web page (or the HTML mammoth makes of a .docx) → notice text. Paragraphs
 * become lines; a table row becomes one line of tab-separated cells, so the table
 * reader sees real columns instead of guessing them; a cell merged over several rows
 * (rowspan: one 牵头单位 for three tasks) is repeated in each of them. Scripts,
 * styles and page furniture (nav, header, footer, forms) are dropped.
 */
import type { ChildNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';

const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'header',
  'footer',
  'form',
  'select',
  'button',
  'iframe',
  'object',
  'embed',
  'svg',
  'canvas',
  'head',
  'title',
  'aside',
]);
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'blockquote',
  'dd',
  'dt',
  'dl',
  'center',
  'body',
  'html',
  'caption',
  'address',
  'figure',
]);

/** Text of a subtree on one line (table cells: paragraphs inside a cell are joined). */
function inline(nodes: ChildNode[]): string {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'text') out += n.data;
    else if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
      const el = n as Element;
      if (SKIP.has(el.name)) continue;
      if (el.name === 'br') out += ' ';
      out += inline(el.children);
    }
  }
  return out.replace(/[\s\u00a0]+/g, ' ').trim();
}

function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (n.type !== 'tag') continue;
      const el = n as Element;
      if (el.name === 'tr') rows.push(el);
      else if (el.name !== 'table') walk(el.children);
    }
  };
  walk(table.children);
  return rows;
}

/** A table as lines of tab-separated cells, rowspans filled down, colspans kept as one cell. */
function tableLines(table: Element): string[] {
  const carry: Array<{ text: string; left: number } | undefined> = [];
  const lines: string[] = [];
  for (const tr of rowsOf(table)) {
    const cells: string[] = [];
    let col = 0;
    const takeCarried = () => {
      while (carry[col] && carry[col]!.left > 0) {
        cells.push(carry[col]!.text);
        carry[col]!.left--;
        col++;
      }
    };
    for (const n of tr.children) {
      if (n.type !== 'tag' || !['td', 'th'].includes((n as Element).name)) continue;
      takeCarried();
      const el = n as Element;
      const text = inline(el.children).replace(/\t/g, ' ');
      const span = Math.max(1, Math.min(50, Number(el.attribs.colspan) || 1));
      const down = Math.max(1, Math.min(500, Number(el.attribs.rowspan) || 1));
      cells.push(text);
      carry[col] = down > 1 ? { text, left: down - 1 } : undefined;
      for (let k = 1; k < span; k++) carry[col + k] = undefined;
      col += span;
    }
    takeCarried();
    const used = cells.filter((c) => c !== '');
    // A row of one cell spanning the table is a heading (一、…), not a row.
    lines.push(used.length <= 1 ? used.join('') : cells.join('\t'));
  }
  return lines;
}

/** Notice text of an HTML document. */
export function htmlToText(html: string): string {
  const doc = parseDocument(html, { decodeEntities: true });
  const lines: string[] = [];
  let cur = '';
  const flush = () => {
    const t = cur.replace(/[ \t\u00a0]+/g, ' ').trim();
    if (t) lines.push(t);
    cur = '';
  };
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (n.type === 'text') cur += n.data.replace(/\s+/g, ' ');
      else if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
        const el = n as Element;
        if (SKIP.has(el.name)) continue;
        if (el.name === 'br') {
          flush();
          continue;
        }
        if (el.name === 'table') {
          flush();
          lines.push(...tableLines(el));
          continue;
        }
        const block = BLOCK.has(el.name) || el.name === 'tr';
        if (block) flush();
        walk(el.children);
        if (block) flush();
      }
    }
  };
  walk(doc.children);
  flush();
  return lines.join('\n');
}

/** The charset a page declares (<meta charset> or http-equiv), lower-case. */
export function declaredCharset(head: string): string | undefined {
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
}
