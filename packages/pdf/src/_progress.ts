/**
 * Progress on a terminal for long work (documents written N/M, with an
 * estimate), through cli-progress; nothing at all when disabled, so piped output
 * and --json stay clean. The bar is erased when the work ends: what remains on
 * screen is the command's own summary.
 */
import cliProgress from 'cli-progress';

/** Something that counts work done. */
export interface Progress {
  tick(done: number): void;
  stop(): void;
}

const SILENT: Progress = { tick: () => {}, stop: () => {} };

/** A progress bar on stderr for `total` items called `label`, or a silent one. */
export function progressBar(enabled: boolean, total: number, label: string): Progress {
  // Short work needs no bar: it would only flicker.
  if (!enabled || total < 2) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      format: `  ${label} {bar} {value}/{total} | 约 {eta_formatted}`,
      stream: process.stderr,
      clearOnComplete: true,
      hideCursor: true,
      etaBuffer: 20,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    tick: (done) => bar.update(done),
    stop: () => bar.stop(),
  };
}
