/**
 * Batch printing: many documents printed by Chromium as one and split into
 * standalone files, so the fixed cost of a print (~130 ms) is paid per batch,
 * not per document. Documents whose <head> is the same (same template) share a
 * print; each becomes a section on named pages of its own (`duban-doc-i`, whose
 * counter numbers its pages 1, 2, 3 …, see _pages.ts) that starts with an
 * invisible link to MARK/nonce/i, which tells the splitter where it begins.
 * Prints of at most PER_PRINT documents bound Chromium's memory; the next print
 * runs while the previous one is split.
 */
import { randomBytes } from 'node:crypto';
import { basename, extname } from 'node:path';
import type { BatchDocument, BatchOptions, PdfOptions, PdfResult } from '@duban/reporter-api';
import { unescapeHtml } from './_document.js';
import { batchPageRules } from './_pages.js';
import { PdfFile } from './_pdfobj.js';
import { progressBar } from './_progress.js';
import type { Printed } from './_renderer.js';
import { documentPages, MARK, splitDocument } from './_split.js';
import { FontSubsetter } from './_subset.js';

/** Documents per print: large enough that the print's fixed cost vanishes, small enough for memory. */
export const PER_PRINT = 32;
/** Documents in the first print, so that splitting (Node) starts while Chromium prints the rest. */
const FIRST_PRINT = 12;
/** Batches of at most this many prints have two prints in flight (see renderBatch). */
const SHORT = 4;

/** What the batch needs from the renderer. */
export interface BatchHost {
  html(document: BatchDocument): string;
  print(html: string, label: string, options: PdfOptions): Promise<Printed>;
  save(outPath: string, pdf: Uint8Array): Promise<void>;
  progress: boolean;
}

interface Parsed {
  index: number;
  key: string;
  htmlAttrs: string;
  head: string;
  bodyAttrs: string;
  body: string;
  title: string;
  author?: string;
  subject?: string;
  keywords?: string;
  outPath: string;
}

function parse(html: string, index: number, doc: BatchDocument): Parsed {
  const htmlAttrs = /<html([^>]*)>/i.exec(html)?.[1] ?? '';
  const head = /<head[^>]*>([\s\S]*?)<\/head>/i.exec(html)?.[1] ?? '';
  const body = /<body([^>]*)>([\s\S]*)<\/body>/i.exec(html);
  const titleText = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(head)?.[1]?.trim();
  const bare = head.replace(/<title[^>]*>[\s\S]*?<\/title>/i, '');
  return {
    index,
    key: `${htmlAttrs}\u0000${bare}\u0000${body?.[1] ?? ''}`,
    htmlAttrs,
    head: bare,
    bodyAttrs: body?.[1] ?? '',
    body: body ? body[2]! : html,
    title: doc.title ?? (titleText ? unescapeHtml(titleText) : basename(doc.outPath, extname(doc.outPath))),
    author: doc.author,
    subject: doc.subject,
    keywords: doc.keywords,
    outPath: doc.outPath,
  };
}

/** The HTML of one print: the shared head, then each document in a section on its own named pages. */
function compose(docs: readonly Parsed[], nonce: string): string {
  const first = docs[0]!;
  const sections = docs.map(
    (d, i) =>
      `<section data-duban-doc="${i}" style="page: duban-doc-${i}; position: relative;"><a href="${MARK}${nonce}/${i}" aria-hidden="true" tabindex="-1" style="position: absolute; left: 0; top: 0; width: 1px; height: 1px; display: block;"></a>${d.body}</section>`,
  );
  return `<!DOCTYPE html><html${first.htmlAttrs}><head>${first.head}<title>duban batch</title><style data-duban-batch>\n${batchPageRules(docs.length)}\n</style></head><body${first.bodyAttrs}>${sections.join('\n')}</body></html>`;
}

/** Renders `documents` in as few prints as their templates allow and writes each as its own PDF. */
export async function renderBatch(
  documents: readonly BatchDocument[],
  options: BatchOptions,
  host: BatchHost,
): Promise<PdfResult[]> {
  // Every document is rendered to HTML (templates checked) before anything is printed.
  const parsed = documents.map((d, i) => parse(host.html(d), i, d));
  const groups = new Map<string, Parsed[]>();
  for (const p of parsed) groups.set(p.key, [...(groups.get(p.key) ?? []), p]);
  const prints: Parsed[][] = [];
  for (const g of groups.values()) {
    // A small first print lets splitting start early; later prints are full.
    for (let i = 0; i < g.length; ) {
      const size = prints.length === 0 ? FIRST_PRINT : PER_PRINT;
      prints.push(g.slice(i, i + size));
      i += size;
    }
  }
  const results: PdfResult[] = new Array(documents.length);
  const bar = progressBar(host.progress, documents.length, options.label ?? '文件');
  const subsetter = new FontSubsetter();
  let done = 0;
  // Prints run in Chromium while Node splits and writes the one before (two cores,
  // both busy). A short batch (up to SHORT prints: the seed's 60 score sheets) has two
  // prints in flight, so Chromium's renderers use both cores while Node waits for the
  // first; a long one prints one at a time and never more than one print ahead of the
  // splitting, so memory stays that of two prints whatever the number of documents
  // (two in flight took 1,000 sheets from ~810 to ~1,040 MB for ~4% less time).
  let stopped = false; // after a failure, prints not yet started are not started
  const split: { promise: Promise<void>; done: () => void }[] = prints.map(() => {
    let done!: () => void;
    return { promise: new Promise<void>((r) => (done = r)), done };
  });
  const inFlight = prints.length <= SHORT ? 2 : 1;
  const printed: Promise<unknown>[] = [];
  const jobs = prints.map((docs, k) => {
    const nonce = randomBytes(6).toString('hex');
    const label = docs.length === 1 ? docs[0]!.outPath : `a batch of ${docs.length} documents (${docs[0]!.outPath} …)`;
    const ready = Promise.all([
      k >= inFlight ? printed[k - inFlight] : undefined,
      k > inFlight ? split[k - inFlight - 1]!.promise : undefined,
    ]);
    const job = ready.then(() => {
      if (stopped) return Promise.reject(new Error('batch stopped'));
      const html = compose(docs, nonce);
      for (const d of docs) d.body = ''; // printed from here on: the HTML need not stay in memory
      return host.print(html, label, { timeoutMs: options.timeoutMs });
    });
    printed.push(job.catch(() => {}));
    job.catch(() => {}); // awaited in order below
    return { docs, nonce, job };
  });
  try {
    for (const [k, current] of jobs.entries()) {
      const printed = await current.job;
      // The print's bytes are read below; the batch keeps no reference to them afterwards.
      (jobs as ({ job?: unknown } | undefined)[])[k] = undefined;
      const ts = performance.now();
      const file = new PdfFile(printed.pdf);
      const pages = documentPages(file, current.docs.length, current.nonce);
      // A few documents at once: one's font programs compress in the thread pool while the next is read.
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < current.docs.length; i = next++) {
          const d = current.docs[i]!;
          const pdf = await splitDocument(
            file,
            pages[i]!,
            current.nonce,
            { title: d.title, author: d.author, subject: d.subject, keywords: d.keywords },
            subsetter,
          );
          await host.save(d.outPath, pdf);
          results[d.index] = { path: d.outPath, pages: pages[i]!.length, bytes: pdf.byteLength };
          done++;
          bar.tick(done);
          options.onProgress?.(done, documents.length);
        }
      };
      await Promise.all([worker(), worker(), worker()]);
      split[k]!.done();
      if (process.env.DUBAN_PDF_DEBUG)
        process.stderr.write(`[pdf] split ${current.docs.length} in ${(performance.now() - ts).toFixed(0)} ms\n`);
    }
  } catch (e) {
    stopped = true;
    for (const s of split) s.done();
    throw e;
  } finally {
    bar.stop();
    subsetter.close();
  }
  return results;
}
