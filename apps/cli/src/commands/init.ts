import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { DubanError } from '@duban/core';
import type { Command } from 'commander';
import type { CliEnv } from '../_env.js';

// `duban init` writes what an office needs to change duban without code: a
// config naming every file, a copy of the default rules, an (empty) template
// override directory, and a unit directory to fill in. duban works without any
// of it (the rules and templates ship inside the packages); init is for the
// office that wants to adjust them.

/** The starter duban.config.json: every path relative to it. */
export function starterConfig(office: string): Record<string, unknown> {
  return {
    db: 'duban.db',
    units: 'units.json',
    rules: 'rules',
    templates: 'templates',
    issue: {
      office,
      contact: { person: '（联系人）', phone: '（电话）' },
      replyDays: 5,
      replyCounting: 'working',
    },
    reporters: {},
  };
}

/** The starter unit directory: one unit of each common kind, a group, contacts; to be replaced by the office's own. */
export const STARTER_UNITS = {
  name: '（本市）',
  office: { name: '（本市）人民政府督查室', contact: { person: '（联系人）', phone: '（电话）' } },
  units: [
    {
      name: '市发改委',
      fullName: '（本市）发展和改革委员会',
      aliases: ['市发展改革委'],
      kind: 'city_department',
      contact: { person: '（联系人）', phone: '（电话）' },
    },
    { name: '市财政局', fullName: '（本市）财政局', aliases: [], kind: 'city_department' },
    { name: '甲县人民政府', aliases: ['甲县政府'], kind: 'county_government' },
    { name: '乙区人民政府', aliases: ['乙区政府'], kind: 'county_government' },
  ],
  groups: [
    { name: '各县区政府', aliases: ['各县区'], members: ['甲县人民政府', '乙区人民政府'], source: '（本市）单位名录' },
  ],
};

const TEMPLATES_README = `# 模板覆盖目录 (template overrides)

duban 的公文模板随 @duban/pdf 安装，这里为空时全部使用内置模板。要调整某个模板，
把同名文件放在这里，相对路径与内置模板相同，例如：

- \`bulletin/bulletin.hbs\`：督查通报正文
- \`scoresheet/scoresheet.hbs\`：考核评分表
- \`_partials/banji.hbs\`：版记（所有文件共用）
- \`official.css\`：GB/T 9704 版式样式表

插件的模板放在以插件名命名的子目录中（如 \`cuiban/notice.hbs\`），优先于插件自带的模板。
内置模板的位置：\`node -e "import('@duban/pdf').then(m => console.log(m.templatesDir))"\`。
`;

/** Registers `duban init [dir]`. */
export function register(program: Command, env: CliEnv): void {
  program
    .command('init')
    .description(
      'write a starter project: duban.config.json, a copy of the default rules, a template override directory and a unit directory to fill in',
    )
    .argument('[dir]', 'project directory (default: the current directory)')
    .option('--office <name>', 'the issuing office (督查室) printed on documents', '（本市）人民政府督查室')
    .option('--json', 'print the files written as JSON')
    .action(async (dirArg: string | undefined, flags: { office: string; json?: boolean }) => {
      const dir = resolve(dirArg ?? '.');
      const planned = ['duban.config.json', 'units.json', 'rules', 'templates'].map((f) => join(dir, f));
      const taken = planned.filter((p) => existsSync(p) && !(p.endsWith('templates') && readdirSync(p).length === 0));
      if (taken.length > 0) {
        throw new DubanError(
          'DUBAN_INIT_EXISTS',
          `${taken.map((p) => relative(process.cwd(), p) || p).join(', ')} already exist(s): duban init writes a new project and never overwrites`,
          {
            where: { file: taken[0]! },
            hint: 'run it in an empty directory (duban init my-office), or move those files away; duban rules init copies only the rules',
          },
        );
      }
      const { defaultRulesDir } = await import('../_config.js');
      mkdirSync(dir, { recursive: true });
      const written: string[] = [];
      const write = (rel: string, text: string) => {
        const file = join(dir, rel);
        mkdirSync(resolve(file, '..'), { recursive: true });
        writeFileSync(file, text, { flag: 'wx' });
        written.push(file);
      };
      write('duban.config.json', JSON.stringify(starterConfig(flags.office), null, 2) + '\n');
      write('units.json', JSON.stringify(STARTER_UNITS, null, 2) + '\n');
      cpSync(defaultRulesDir(), join(dir, 'rules'), {
        recursive: true,
        dereference: true,
        errorOnExist: true,
        force: false,
      });
      written.push(join(dir, 'rules') + '/');
      write('templates/README.md', TEMPLATES_README);
      if (flags.json) return env.json({ dir, files: written });
      for (const f of written) env.out(relative(process.cwd(), f) || f);
      const cd = relative(process.cwd(), dir);
      env.err(
        [
          `started a duban project${cd ? ` in ${cd}` : ''}. Next:`,
          '  1. fill in units.json (your units, their 联系人 and 电话) and "issue" in duban.config.json',
          '  2. duban import NOTICE.docx            # the 重点任务分解方案',
          '  3. duban progress template --all --out intake/   # a workbook per unit',
          '  4. duban report bulletin --as-of YYYY-MM-DD     # 督查通报, numbered from 第1期',
          "  rules/ is yours to change (duban rules test); templates/ overrides duban's templates file by file",
        ].join('\n'),
      );
    });
}
