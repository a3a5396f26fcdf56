// Bench only: the bulletin's HTML (as duban's template renders it) turned into
// Typst markup for bench/typst/bulletin.typ, so Typst sets exactly the same text:
// masthead, title, paragraphs and headings, the attachment table, the 版记. It
// follows the template's class names; anything unknown becomes a plain paragraph.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0' };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e.startsWith('#x')
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#') && e !== '#39'
        ? String.fromCodePoint(Number(e.slice(1)))
        : (ENTITIES[e] ?? m),
  );
}

/** A Typst string literal placed in markup: text is never read as markup. */
function str(text: string): string {
  return `#${JSON.stringify(text)}`;
}

interface Cell {
  head: boolean;
  content: string;
}

/** Converts the bulletin's <body> to Typst markup using the functions of bulletin.typ. */
export function htmlToTypst(html: string): string {
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  const out: string[] = [];
  let inline: string[] = [];
  const stack: { tag: string; cls: string }[] = [];
  let table: { widths: string[]; rows: Cell[][] } | undefined;
  let cell: Cell | undefined;
  let lineSpans: string[] | undefined;
  const flush = () => {
    const content = inline.join('');
    inline = [];
    return content;
  };
  for (const token of body.split(/(<[^>]+>)/)) {
    if (!token) continue;
    if (!token.startsWith('<')) {
      const text = decode(token).replace(/\s+/g, (w) => (/\n/.test(w) ? '' : ' '));
      if (text.trim() || (text && inline.length)) inline.push(str(text));
      continue;
    }
    if (token.startsWith('<!--')) continue;
    const close = token.startsWith('</');
    const tag = /^<\/?([a-z0-9]+)/i.exec(token)?.[1]?.toLowerCase() ?? '';
    const cls = /class="([^"]*)"/.exec(token)?.[1] ?? '';
    if (!close) {
      if (tag === 'br') inline.push('#linebreak()');
      else if (tag === 'col') table?.widths.push(/width:\s*([\d.]+)(mm|%)/.exec(token)?.slice(1).join('') ?? '1fr');
      else if (tag === 'table') table = { widths: [], rows: [] };
      else if (tag === 'tr') table?.rows.push([]);
      else if (tag === 'td' || tag === 'th') {
        flush();
        cell = { head: tag === 'th', content: '' };
      } else if (tag === 'span' && cls === 'kaiti') inline.push('#kai[');
      else if (tag === 'span' && cls === 'heiti') inline.push('#hei[');
      else if (tag === 'span') flush();
      else if (tag === 'p' && (cls.includes('masthead-line') || cls.includes('print'))) lineSpans = [];
      else if (tag === 'div' && cls.includes('red-rule')) out.push('#redrule()');
      else if (tag === 'section' && cls.includes('attachment')) out.push('#pagebreak()');
      else if (tag === 'div' && cls.includes('banji-page')) out.push('#banji[');
      else if (tag === 'div' && cls.includes('rule-thick')) out.push('#rule(1pt)');
      else if (tag === 'div' && cls.includes('rule-thin')) out.push('#rule(0.7pt)');
      else if (tag === 'div' && cls.includes('signature-block')) out.push('#signature[');
      if (!['br', 'col', 'meta', 'link', 'img'].includes(tag)) stack.push({ tag, cls });
      continue;
    }
    const open = stack.pop() ?? { tag, cls: '' };
    const c = open.cls;
    if (tag === 'span' && (c === 'kaiti' || c === 'heiti')) inline.push(']');
    else if (tag === 'span' && lineSpans) lineSpans.push(flush());
    else if ((tag === 'td' || tag === 'th') && cell && table) {
      cell.content = flush();
      table.rows[table.rows.length - 1]!.push(cell);
      cell = undefined;
    } else if (tag === 'table' && table) {
      const header = table.rows.filter((r) => r.every((x) => x.head));
      const rows = table.rows.filter((r) => !r.every((x) => x.head));
      const cols = table.widths.length ? table.widths : header[0]!.map(() => '1fr');
      out.push(
        `#officialtable((${cols.join(', ')},), (${header.flatMap((r) => r.map((x) => `[${x.content}]`)).join(', ')},), (${rows.flatMap((r) => r.map((x) => `[${x.content}]`)).join(', ')},))`,
      );
      table = undefined;
    } else if (tag === 'p' && lineSpans) {
      out.push(`#${c.includes('print') ? 'printline' : 'mastheadline'}[${lineSpans[0] ?? ''}][${lineSpans[1] ?? ''}]`);
      lineSpans = undefined;
      flush();
    } else if (['p', 'h1', 'h2', 'h3', 'h4'].includes(tag)) {
      const content = flush();
      if (!content) continue;
      const fn = c.includes('masthead-name')
        ? 'masthead'
        : c.includes('masthead-issue')
          ? 'issue'
          : c.includes('doc-title')
            ? 'doctitle'
            : c.includes('attachment-label')
              ? 'attlabel'
              : c.includes('attachment-title')
                ? 'atttitle'
                : c.includes('recipients')
                  ? 'recipients'
                  : c.split(' ').includes('cc')
                    ? 'cc'
                    : tag === 'h2' || c.includes('h1')
                      ? 'h1'
                      : tag === 'h3' || c.includes('h2')
                        ? 'h2'
                        : c.includes('office') || c.includes('date')
                          ? 'plain'
                          : 'para';
      out.push(`#${fn}[${content}]`);
    } else if (tag === 'div' && (c.includes('banji-page') || c.includes('signature-block'))) out.push(']');
  }
  return out.join('\n');
}
