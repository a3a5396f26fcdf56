import type { DocxFont } from '@duban/reporter-api';

/** A GB/T 9704 font role. */
export type FontRole = DocxFont['role'];

/**
 * The family each role names in a document (FORMAT.md "Fonts"), and the open
 * substitute named as its alternative for a machine without it: the faces
 * duban's PDFs fall back on.
 */
export const ROLE_FONTS: Record<
  FontRole,
  {
    official: string;
    fallback: string /** The substitute's weight when it is not the regular face. */;
    weight?: 'bold';
  }
> = {
  xiaobiaosong: { official: '方正小标宋简体', fallback: 'Noto Serif CJK SC', weight: 'bold' },
  fangsong: { official: '仿宋_GB2312', fallback: 'FandolFang' },
  heiti: { official: '黑体', fallback: 'Noto Sans CJK SC' },
  kaiti: { official: '楷体_GB2312', fallback: 'AR PL KaitiM GB' },
  songti: { official: '宋体', fallback: 'Noto Serif CJK SC' },
};

/** Every role, in a fixed order. */
export const FONT_ROLES = Object.keys(ROLE_FONTS) as FontRole[];

/**
 * The fonts a document names per role. A family configured for a role (config
 * `fonts.fangsong: "FangSong_GB2312"`) replaces the official name; a font file
 * path cannot be named in a .docx, so the official name stays (Word finds the
 * font once the office installs it).
 */
export function documentFonts(configured: Partial<Record<FontRole, string>> = {}): DocxFont[] {
  return FONT_ROLES.map((role) => {
    const given = configured[role];
    const family = given && !/[\\/]|\.(ttf|otf|ttc|otc)$/iu.test(given) ? given : ROLE_FONTS[role].official;
    return { role, family, fallback: ROLE_FONTS[role].fallback };
  });
}

/** Families by role, for the writer. */
export type FontMap = Record<FontRole, string>;

/** The writer's role → family map. */
export function fontMap(fonts: readonly DocxFont[]): FontMap {
  return Object.fromEntries(fonts.map((f) => [f.role, f.family])) as FontMap;
}

const esc = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/"/gu, '&quot;');

/**
 * A fontconfig file that makes Linux programs (LibreOffice, WPS for Linux) find
 * the open substitute when a document names an official font the machine lacks:
 * the system configuration, the extra font directories (FandolFang ships in
 * TeX Live's tree, which fontconfig does not scan), and one rule per role.
 */
export function fontconfigXml(fonts: readonly DocxFont[], extraDirs: readonly string[] = []): string {
  const rules = fonts.map((f) => {
    const weight = ROLE_FONTS[f.role].weight
      ? `\n    <edit name="weight" mode="assign" binding="strong"><const>${ROLE_FONTS[f.role].weight}</const></edit>`
      : '';
    return `  <match target="pattern">
    <test name="family" compare="eq"><string>${esc(f.family)}</string></test>
    <edit name="family" mode="assign" binding="strong"><string>${esc(f.fallback)}</string></edit>${weight}
  </match>`;
  });
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
${extraDirs.map((d) => `  <dir>${esc(d)}</dir>`).join('\n')}
${rules.join('\n')}
</fontconfig>
`;
}
