import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackedBars } from './_charts.js';
import { hashPassword, passwordProblem, verifyPassword } from './_password.js';
import { parsePeriod, periodsOf } from './_periods.js';
import { checkEvidence, safeName } from './_uploads.js';
import { createViews } from './_views.js';

const upload = (filename: string, data: Buffer) => ({
  field: 'evidence',
  filename,
  mimetype: 'application/octet-stream',
  data,
});

describe('passwords', () => {
  it('are hashed with scrypt and a random salt; only the right password verifies', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsE', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
    expect(passwordProblem('short')).toMatch(/至少10/);
    expect(passwordProblem('long enough!')).toBeNull();
  });
});

describe('periods', () => {
  it('parses months and quarters with their first and last days', () => {
    expect(parsePeriod('2019-02')).toEqual({
      key: '2019-02',
      label: '2019年2月',
      from: '2019-02-01',
      to: '2019-02-28',
    });
    expect(parsePeriod('2020-02')?.to).toBe('2020-02-29');
    expect(parsePeriod('2019-Q2')).toEqual({
      key: '2019-Q2',
      label: '2019年第二季度',
      from: '2019-04-01',
      to: '2019-06-30',
    });
    expect(parsePeriod('2019-13')).toBeUndefined();
    expect(parsePeriod('../x')).toBeUndefined();
    expect(periodsOf(2019)).toHaveLength(16);
  });
});

describe('charts', () => {
  it('scales bars to the largest group and skips empty segments', () => {
    const c = stackedBars(
      [
        { label: 'A', counts: { completed: 2, on_track: 2, at_risk: 0, overdue: 0, not_due: 0 } },
        { label: 'B', counts: { completed: 0, on_track: 1, at_risk: 1, overdue: 0, not_due: 0 } },
      ],
      { labelWidth: 100, barWidth: 400 },
    );
    expect(c.rows[0]!.segments.map((s) => [s.status, s.x, s.width])).toEqual([
      ['completed', 100, 200],
      ['on_track', 300, 200],
    ]);
    expect(c.rows[1]!.segments.map((s) => s.width)).toEqual([100, 100]);
    expect(c.rows[1]!.summary).toBe('正常推进1项，进度滞后1项');
    expect(c.legend.map((l) => l.status)).toEqual(['completed', 'on_track', 'at_risk', 'overdue']);
  });
});

describe('uploads', () => {
  it('accepts evidence by content and refuses disguised or unknown files', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    expect(await checkEvidence(upload('a.pdf', pdf))).toMatchObject({ name: 'a.pdf', mediaType: 'application/pdf' });
    expect(await checkEvidence(upload('a.docx', pdf))).toMatchObject({
      problem: expect.stringContaining('与内容（pdf）不符'),
    });
    expect(await checkEvidence(upload('a.pdf', Buffer.from('<html><script>x</script>')))).toMatchObject({
      problem: expect.stringContaining('文件类型不允许'),
    });
    expect(await checkEvidence(upload('a.pdf', Buffer.alloc(0)))).toMatchObject({
      problem: expect.stringContaining('文件为空'),
    });
  });

  it('reduces a file name to a safe base name', () => {
    expect(safeName('../../etc/passwd')).toBe('passwd');
    expect(safeName('C:\\Users\\x\\照片.jpg')).toBe('照片.jpg');
    expect(safeName('..hidden')).toBe('hidden');
    expect(safeName('a<b>"c".pdf')).toBe('a_b__c_.pdf');
    expect(safeName('')).toBe('file');
  });
});

describe('views', () => {
  it('escape every value and refuse triple-stash templates at start-up', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-views-'));
    try {
      writeFileSync(join(dir, 'layout.hbs'), '<main>{{body}}</main>');
      writeFileSync(join(dir, 'page.hbs'), '<p title="{{v}}">{{v}}</p>');
      const render = createViews(dir);
      expect(render('page', { v: '<script>"x"</script>' })).toBe(
        '<main><p title="&lt;script&gt;&quot;x&quot;&lt;/script&gt;">&lt;script&gt;&quot;x&quot;&lt;/script&gt;</p></main>',
      );
      writeFileSync(join(dir, 'bad.hbs'), '{{{v}}}');
      expect(() => createViews(dir)).toThrow(expect.objectContaining({ code: 'DUBAN_TEMPLATE_UNSAFE' }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the shipped views all compile (none prints unescaped)', () => {
    expect(() => createViews()).not.toThrow();
  });
});
