// The .docx read back by an independent OOXML implementation (python-docx): the
// named styles per role with their fonts, the page, margins and 28 × 22 grid,
// the East Asian settings; each paragraph carries its role's style. Then an
// office's edit — a paragraph rewritten through the library, the file saved
// again by LibreOffice as Word would — keeps the format checks green.
import { join } from 'node:path';
import { createDocxWriter, STYLE } from '@duban/docx';
import type { FixtureContext } from '@duban/reporter-api/testing';
import bulletin, { buildBulletinModel } from '@duban/reporter-bulletin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './_support/cli.js';
import {
  convertAll,
  convertDocx,
  type DocxReadBack,
  EMU_PER_MM,
  editDocx,
  libreOfficeAvailable,
  pythonDocxAvailable,
  readDocx,
} from './_support/docx.js';
import { checkGongwen } from './_support/gongwen.js';
import { bodyText, loadPdf } from './_support/pdf.js';
import { seedContext } from './_support/seed-context.js';

describe('the bulletin .docx read back and edited with python-docx', () => {
  const tmp = tempDir('duban-docx-roundtrip-');
  let ctx: FixtureContext;
  let file: string;
  let doc: DocxReadBack;

  beforeAll(async () => {
    expect(pythonDocxAvailable(), 'python3-docx (scripts/setup.sh) is needed').toBe(true);
    expect(libreOfficeAvailable(), 'soffice is needed').toBe(true);
    ctx = await seedContext({
      docx: createDocxWriter(),
      out: join(tmp.dir, '督查通报-第3期.docx'),
      options: bulletin.meta.options!.parse({ format: 'docx' }),
    });
    const outputs = (await bulletin(ctx.options as never).render!(ctx as never)) ?? [];
    file = outputs[0]!.path;
    doc = readDocx(file);
  }, 120_000);

  afterAll(() => tmp.cleanup());

  it('has a named style for every role, with its font and size', () => {
    const style = (name: string) => doc.styles.find((s) => s.name === name);
    const roles: [string, string | undefined, number | undefined][] = [
      ['Normal', '仿宋_GB2312', 16],
      ['Title', '方正小标宋简体', 22],
      ['一级标题', '黑体', undefined],
      ['二级标题', '楷体_GB2312', undefined],
      ['三级标题', '仿宋_GB2312', undefined],
      ['附件说明', undefined, undefined],
      ['版记', undefined, 14],
      ['版头', '方正小标宋简体', 44],
      ['落款', undefined, undefined],
      ['页码', '宋体', 14],
    ];
    for (const [name, font, size] of roles) {
      const s = style(name);
      expect(s, name).toBeDefined();
      if (font) expect(s!.eastAsia, name).toBe(font);
      if (size) expect(s!.size, name).toBe(size);
    }
    expect(doc.styles.find((s) => s.name === '段首标题')?.eastAsia).toBe('楷体_GB2312');
    // East Asian line breaking on Normal, in schema order, and punctuation compression in the settings.
    expect(style('Normal')!.pPr).toEqual([
      'widowControl',
      'suppressAutoHyphens',
      'kinsoku',
      'overflowPunct',
      'topLinePunct',
      'autoSpaceDE',
      'autoSpaceDN',
      'snapToGrid',
      'spacing',
      'ind',
      'jc',
    ]);
    expect(doc.characterSpacingControl).toBe('compressPunctuation');
    expect(doc.evenAndOddHeaders).toBe(true);
  });

  it('sets A4 with the FORMAT.md margins and the 28 × 22 grid; the 版记 section starts on an even page', () => {
    const [main, banji] = doc.sections;
    const mm = (emu: number) => emu / EMU_PER_MM;
    expect(mm(main!.width)).toBeCloseTo(210, 0);
    expect(mm(main!.height)).toBeCloseTo(297, 0);
    for (const [k, v] of [
      ['top', 37],
      ['bottom', 35],
      ['left', 28],
      ['right', 26],
    ] as const)
      expect(Math.abs(mm(main![k]) - v), k).toBeLessThan(0.05);
    expect(main!.grid).toEqual({ type: 'linesAndChars', linePitch: '579', charSpace: '-848' });
    // 225 mm of type area / 579 twips = 22 lines; 156 mm / (16 pt − 848/4096 pt) = 28 characters.
    expect(Math.floor((225 * 1440) / 25.4 / 579)).toBe(22);
    expect(Math.floor((156 * 72) / 25.4 / (16 - 848 / 4096))).toBe(28);
    expect(banji!.start).toMatch(/EVEN_PAGE/u);
  });

  it('gives every paragraph the style of its role, in the order of the model', () => {
    const model = buildBulletinModel(ctx, { attachment: true });
    const styled = (name: string) => doc.paragraphs.filter((p) => p.style === name).map((p) => p.text);
    expect(styled(STYLE.h1.name)).toEqual(model.body.filter((b) => b.kind === 'h1').map((b) => b.text));
    expect(styled(STYLE.h2.name)).toEqual(model.body.filter((b) => b.kind === 'h2').map((b) => b.text));
    expect(styled('Title').map((t) => t.replace(/\n/gu, ''))).toEqual([model.title]);
    expect(styled(STYLE.masthead.name)).toEqual(['督查通报']);
    expect(styled(STYLE.attachmentNote.name)).toEqual([`附件：${model.attachment!.title}`]);
    expect(styled(STYLE.signature.name)).toEqual(['安康市人民政府督查室', '2019年7月5日']);
    const body = styled('Normal');
    for (const b of model.body.filter((x) => x.kind === 'p'))
      expect(body, b.text.slice(0, 20)).toContain(`${'lead' in b && b.lead ? b.lead : ''}${b.text}`);
    expect(doc.core.title).toBe(model.title);
  });

  it('keeps the checks green after a paragraph is rewritten with python-docx; LibreOffice saving it again keeps the styles', async () => {
    const added =
      '各责任单位要对照本期通报逐项建立整改台账，明确责任领导、责任人和完成时限，整改一项、销号一项，确保件件有着落、事事有回音。';
    const edited = join(tmp.dir, 'edited', '督查通报-第3期.docx');
    const first = doc.paragraphs.find((p) => p.text.startsWith('一是'))!;
    expect(editDocx(file, edited, '一是', `${first.text}${added}`)).toEqual({ style: 'Normal' });
    // Saved as Word would after the edit (LibreOffice's Word filter), then read back: the styles survive.
    const [resaved] = convertAll([edited], join(tmp.dir, 'resaved'), 'docx');
    const again = readDocx(resaved!);
    for (const name of ['Title', '一级标题', '二级标题', '附件说明', '版记', '落款'])
      expect(
        again.styles.some((s) => s.name === name),
        name,
      ).toBe(true);
    expect(again.paragraphs.find((p) => p.text.includes(added))?.style).toMatch(/^(Normal|Default Paragraph Style)$/u);
    // The format checks run on the edited file. (Not on LibreOffice's re-save: LibreOffice 7.4 reads
    // w:overflowPunct inverted and writes its own reading back, so its copy turns hanging punctuation on.)
    for (const f of [edited]) {
      const pdf = convertDocx(f, join(tmp.dir, 'pdf'));
      const r = checkGongwen(pdf, 'bulletin');
      expect(r!.failed, `${f}\n${r!.output}`).toEqual([]);
      const text = await loadPdf(pdf);
      const body = bodyText(text);
      expect(body).toContain(added);
      // The added sentence is set as body text: 16 pt.
      const line = text.pages.flatMap((p) => p.lines).find((l) => l.text.includes('销号一项'))!;
      expect(line.size).toBeCloseTo(16, 0);
    }
  }, 180_000);
});
