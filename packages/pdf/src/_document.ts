/** Small helpers on the HTML going into Chromium and the PDF coming out. */

/** Sets the document's <title> (Chromium's PDF metadata title), escaped. */
export function withTitle(html: string, title: string): string {
  const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (/<title[^>]*>[\s\S]*?<\/title>/i.test(html))
    return html.replace(/<title[^>]*>[\s\S]*?<\/title>/i, `<title>${escaped}</title>`);
  return html.replace(/<head(\s[^>]*)?>/i, (m) => `${m}<title>${escaped}</title>`);
}

/** Page count of a PDF Chromium wrote (its /Type /Page objects). */
export function countPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

/** Text of an HTML element as written (entities of the escaping back to characters). */
export function unescapeHtml(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
