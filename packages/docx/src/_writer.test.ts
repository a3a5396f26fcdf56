import type { OfficialDocument } from '@duban/reporter-api';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { signatureIndents } from './_blocks.js';
import { TYPE_WIDTH } from './_geometry.js';
import { columnTwips } from './_table.js';
import { createDocxWriter } from './_writer.js';

const DOC: OfficialDocument = {
  title: '测试',
  masthead: { publication: '督查通报', number: 3, office: '示例市人民政府督查室', date: '2019年7月5日' },
  blocks: [
    { kind: 'title', text: '关于<script>x</script>&“引号”的通报', spaceBefore: 2 },
    { kind: 'p', text: '正文\u0001含控制字符{{constructor}}</w:t>' },
    {
      kind: 'table',
      widths: [1, 3],
      header: [[{ text: '序号' }, { text: '任务' }]],
      rows: [[{ text: '1', rowSpan: 2 }, { text: 'a' }], [{ text: 'b' }]],
    },
  ],
  banji: { cc: '市委办公室', printer: '示例市人民政府办公室', date: '2019年7月5日' },
};

async function parts(doc: OfficialDocument, fonts?: Record<string, string>) {
  const files = unzipSync(await createDocxWriter({ fonts }).toBuffer(doc));
  return (name: string) => strFromU8(files[name]!);
}

describe('the DOCX writer', () => {
  it('escapes every text and drops characters XML cannot hold', async () => {
    const xml = (await parts(DOC))('word/document.xml');
    expect(xml).toContain('关于&lt;script&gt;x&lt;/script&gt;&amp;“引号”的通报');
    expect(xml).toContain('正文含控制字符{{constructor}}&lt;/w:t&gt;');
    expect(xml).not.toMatch(/[\u0000-\u0008]/u);
  });

  it('writes the East Asian settings in schema order, punctuation compression and the font table with substitutes', async () => {
    const part = await parts(DOC, { fangsong: 'FangSong_GB2312', heiti: '/fonts/simhei.ttf' });
    const normal = /<w:style w:type="paragraph" w:styleId="Normal"[\s\S]*?<\/w:style>/u.exec(
      part('word/styles.xml'),
    )![0];
    const order = [
      ...normal.matchAll(
        /<w:(widowControl|suppressAutoHyphens|kinsoku|overflowPunct|topLinePunct|autoSpaceDE|autoSpaceDN|snapToGrid|spacing|ind|jc)\b/gu,
      ),
    ].map((m) => m[1]);
    expect(order.slice(0, 11)).toEqual([
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
    expect(part('word/settings.xml')).toMatch(
      /<w:characterSpacingControl w:val="compressPunctuation"\/><w:compat>.*<\/w:compat><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"\/>/u,
    );
    const fonts = part('word/fontTable.xml');
    // A configured family is named instead of the official one; a font file cannot be, so 黑体 stays.
    expect(fonts).toContain('<w:font w:name="FangSong_GB2312"><w:altName w:val="FandolFang"/><w:charset w:val="86"/>');
    expect(fonts).toContain('<w:font w:name="黑体"><w:altName w:val="Noto Sans CJK SC"/>');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="Noto Serif CJK SC"/>');
  });

  it('puts the 版记 in a section that starts on an even page, numbers running on, no character grid', async () => {
    const xml = (await parts(DOC))('word/document.xml');
    const sections = [...xml.matchAll(/<w:sectPr>[\s\S]*?<\/w:sectPr>/gu)].map((m) => m[0]);
    expect(sections).toHaveLength(2);
    expect(sections[0]).toContain('<w:pgNumType w:start="1"/>');
    expect(sections[0]).toContain('<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-848"/>');
    expect(sections[1]).toContain('<w:type w:val="evenPage"/>');
    expect(sections[1]).not.toContain('w:start=');
    expect(sections[1]).toContain('<w:docGrid w:linePitch="579"/>');
    expect(xml).toContain('抄送：市委办公室。');
    // The header row repeats; no row splits; the row span continues below.
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toContain('<w:cantSplit/>');
    expect(xml).toContain('<w:vMerge w:val="continue"/>');
  });

  it('sets the 落款 2 characters in, the date under its third character, or the office moved left for a long date', () => {
    expect(signatureIndents('安康市人民政府督查室', '2019年7月5日')).toEqual({ office: 2, date: 4 });
    expect(signatureIndents('督查室', '2019年12月31日')).toEqual({ office: 8, date: 2 });
  });

  it('shares the 156 mm type area between the columns exactly', () => {
    const t = columnTwips([10, 16, 9, 30, 45, 11, 12, 23]);
    expect(t.reduce((a, b) => a + b, 0)).toBe(TYPE_WIDTH);
    expect(t[0]).toBe(Math.floor((10 / 156) * TYPE_WIDTH));
  });
});
