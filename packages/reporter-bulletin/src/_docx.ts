import { chineseDate, type DocBlock, type OfficialDocument } from '@duban/reporter-api';
import type { AttachmentModel, Cell } from './_attachment.js';
import type { BulletinModel } from './_model.js';

// The bulletin as an OfficialDocument for the DOCX writer: the same BulletinModel
// the PDF template prints, part by part, so the two files say the same. Nothing
// here decides content; it only names each part's role.

/** 主送 ends with ： (as the template's endWith helper does). */
function endWith(text: string, suffix: string): string {
  return text.endsWith(suffix) ? text : text.replace(/[：:。.，,；;]$/u, '') + suffix;
}

/** Column shares from the model's percentages (40.00% → 40). */
function widths(a: AttachmentModel): number[] {
  return a.columns.map((c) => Number.parseFloat(c.width));
}

/** A table cell: unit names as words the line may break between, joined by 、 as the PDF prints them. */
function cell(c: Cell) {
  const align = c.class === 'center' ? ('center' as const) : undefined;
  if (c.names) {
    const words = c.names.flatMap((name, i) =>
      name.map((w, j) => (j === name.length - 1 && i < c.names!.length - 1 ? `${w.text}、` : w.text)),
    );
    if (c.suffix && words.length) words[words.length - 1] += c.suffix;
    return { text: words.join(''), words, colSpan: c.colspan, align };
  }
  return { text: c.lines, colSpan: c.colspan, align };
}

/** The attachment: its label, its title on line 3, the table (header repeated), the notes under it. */
export function attachmentBlocks(a: AttachmentModel, newPage: boolean): DocBlock[] {
  return [
    { kind: 'attachmentLabel', text: a.label, newPage },
    { kind: 'title', text: a.title, spaceBefore: 1 },
    {
      kind: 'table',
      widths: widths(a),
      header: [a.columns.map((c) => ({ text: c.label }))],
      rows: a.rows.map((r) => r.map(cell)),
    },
    ...a.notes.map((text): DocBlock => ({ kind: 'note', text, size: 10.5 })),
  ];
}

/** The bulletin: masthead, title two lines under the red rule, 主送 and 落款 (文件 family only), opening, body, 附件说明, a bound attachment, 版记. */
export function bulletinDocument(
  m: BulletinModel & { attachment: (AttachmentModel & { separate?: boolean }) | null },
): OfficialDocument {
  const bound = m.attachment && !m.attachment.separate ? m.attachment : null;
  return {
    title: m.title,
    masthead: {
      publication: m.masthead.publication,
      number: m.masthead.number,
      office: m.masthead.office,
      date: chineseDate(m.masthead.date),
    },
    blocks: [
      { kind: 'title', text: m.title, spaceBefore: 2 },
      ...(m.recipients ? [{ kind: 'recipients', text: endWith(m.recipients, '：') } as DocBlock] : []),
      { kind: 'p', text: m.opening },
      ...m.body.map(
        (b): DocBlock => (b.kind === 'p' ? { kind: 'p', text: b.text, lead: b.lead } : { kind: b.kind, text: b.text }),
      ),
      ...(m.attachment ? [{ kind: 'attachmentNote', items: [m.attachment.title] } as DocBlock] : []),
      ...(m.signature
        ? [{ kind: 'signature', office: m.signature.office, date: chineseDate(m.signature.date) } as DocBlock]
        : []),
      ...(bound ? attachmentBlocks(bound, true) : []),
    ],
    banji: {
      cc: m.banji.cc,
      report: m.banji.report,
      send: m.banji.send,
      distribute: m.banji.distribute,
      check: m.banji.check,
      printer: m.banji.printer,
      date: chineseDate(m.banji.date),
    },
  };
}

/** A separately issued attachment (GB/T 9704 §7.5): the document's number and 附件 at line 1, then the table; no masthead, no 版记. */
export function attachmentDocument(docTitle: string, a: AttachmentModel & { label: string }): OfficialDocument {
  return { title: `${docTitle}附件：${a.title}`, blocks: attachmentBlocks(a, false) };
}
