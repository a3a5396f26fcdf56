/**
 * Prepares the font cache ahead of time (scripts/setup.sh calls it), so the
 * first document a user prints does not wait for fonts to be converted.
 */
import { defaultCacheDir, type FontOptions, resolveFonts } from './_fonts.js';
import { FontPreparer, type PreparedFont } from './_prepare.js';
import { FontSubsetter } from './_subset.js';

/** Cleans and prepares every role's font (configured or substitute); instant when the cache is warm. */
export async function prepareFontCache(options: FontOptions = {}): Promise<readonly PreparedFont[]> {
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const subsetter = new FontSubsetter();
  try {
    const preparer = new FontPreparer(cacheDir, subsetter);
    const fonts = await resolveFonts({ ...options, cacheDir });
    return await Promise.all(fonts.map((f) => preparer.prepare(f)));
  } finally {
    subsetter.close();
  }
}
