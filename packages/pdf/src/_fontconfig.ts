/**
 * A fontconfig configuration exposing the prepared core fonts (symlinked into a
 * directory of their own) on top of the system configuration. Chromium started
 * with FONTCONFIG_FILE pointing at it loads them as installed fonts, through
 * `src: local(…)`: memory-mapped, with none of the per-document sanitising a
 * web font of several megabytes costs. Rare blocks stay small web fonts.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { PreparedFont } from './_prepare.js';

/** The fonts.conf for these prepared fonts (made once per set of files, shared by every run). */
export function fontconfigFile(fonts: readonly PreparedFont[], cacheDir: string): string {
  const key = createHash('sha256')
    .update(fonts.map((f) => f.core).join('\n'))
    .digest('hex')
    .slice(0, 16);
  const dir = join(cacheDir, 'sets', key);
  const conf = join(dir, 'fonts.conf');
  if (existsSync(conf)) return conf;
  const tmp = `${dir}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (const f of fonts) symlinkSync(f.core, join(tmp, `${f.role}${extname(f.core)}`));
  const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  writeFileSync(
    join(tmp, 'fonts.conf'),
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <cachedir>${xml(join(cacheDir, 'fc-cache'))}</cachedir>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${xml(dir)}</dir>
</fontconfig>
`,
  );
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process made the same set first
  }
  return conf;
}
