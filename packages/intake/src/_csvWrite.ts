/** Writes progress reports as the CSV units send (UTF-8, optional BOM so Excel shows Chinese right). */
import type { ProgressReport } from '@duban/core';
import { stateLabels } from '@duban/core';
import { CSV_COLUMNS, CSV_HEADERS_ZH } from './_columns.js';

/** Options for {@link toProgressCsv}. */
export interface CsvWriteOptions {
  /** Header language: canonical English keys or the Chinese aliases. Default 'zh'. */
  headers?: 'en' | 'zh';
  /** Prefix a UTF-8 BOM (Excel on Windows needs it to detect UTF-8). Default true. */
  bom?: boolean;
}

const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Renders reports as progress CSV text, one row per report, in the given order. */
export function toProgressCsv(reports: readonly ProgressReport[], options: CsvWriteOptions = {}): string {
  const head = CSV_COLUMNS.map((c) => (options.headers === 'en' ? c : CSV_HEADERS_ZH[c]));
  const lines = [head.join(',')];
  for (const r of reports) {
    const cells = [
      String(r.task),
      r.unit,
      r.date,
      r.percent === undefined ? '' : String(r.percent),
      options.headers === 'en' ? r.state : stateLabels[r.state],
      Object.entries(r.values ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(';'),
      r.progress ?? '',
      r.problems ?? '',
      r.nextSteps ?? '',
      (r.evidence ?? []).join(';'),
    ];
    lines.push(cells.map(quote).join(','));
  }
  return (options.bom === false ? '' : '\uFEFF') + lines.join('\r\n') + '\r\n';
}
