import { createFixtureContext } from '@duban/reporter-api/testing';
import { describe, expect, it } from 'vitest';
import { nameWords } from './_attachment.js';
import { buildBulletinModel } from './_model.js';
import { countsSentence, countVerdicts } from './_overview.js';
import { replyDate } from './_requirements.js';
import { excerpt } from './_text.js';

const text = (m: ReturnType<typeof buildBulletinModel>) =>
  m.body.map((b) => ('lead' in b && b.lead ? b.lead : '') + b.text).join('\n');

describe('bulletin model', () => {
  it('rounds each share on its own (10/15 is 66.7%, the shares may add to 100.1) and leaves empty statuses out', () => {
    const tasks = [...Array(10).fill('on_track'), ...Array(5).fill('at_risk')].map((status) => ({
      verdict: { status },
    })) as never[];
    expect(countVerdicts(tasks).map((c) => [c.label, c.count, c.share])).toEqual([
      ['正常推进', 10, '66.7'],
      ['进度滞后', 5, '33.3'],
    ]);
    const thirds = [...Array(1).fill('completed'), ...Array(1).fill('on_track'), ...Array(1).fill('at_risk')].map(
      (status) => ({ verdict: { status } }),
    ) as never[];
    expect(countsSentence(thirds)).toBe('已完成1项、占33.3%，正常推进1项、占33.3%，进度滞后1项、占33.3%');
    expect(countsSentence(tasks)).not.toContain('逾期未完成');
  });

  it('numbers only the parts that have something to say, with complete headings', async () => {
    const m = buildBulletinModel(await createFixtureContext(), { attachment: true });
    expect(m.body.filter((b) => b.kind === 'h1').map((b) => b.text)).toEqual([
      '一、总体情况',
      '二、进展较快的任务',
      '三、存在的主要问题',
      '四、下一步要求',
    ]);
    // Every （一） has a （二）.
    const h2 = m.body.filter((b) => b.kind === 'h2').map((b) => b.text);
    if (h2.some((x) => x.startsWith('（一）'))) expect(h2.some((x) => x.startsWith('（二）'))).toBe(true);
  });

  it('quotes each figure with its source and never prints a lead for a task the notice gave none', async () => {
    const ctx = await createFixtureContext({ asOf: '2019-06-30' });
    const m = buildBulletinModel(ctx, { attachment: true });
    const body = text(m);
    expect(body).toContain('完成30%（市交通局6月25日报）');
    expect(body).toContain('存在问题：雨季施工受阻');
    // Task 4 is 分工负责 by 市住建局 and 市财政局: named as the notice does, never as 牵头.
    expect(body).toContain('市住建局、市财政局分工负责');
    const row4 = m.attachment!.rows[3]!;
    expect(row4[2]).toMatchObject({ colspan: 2, suffix: '分工负责' });
    expect(row4[2]!.names!.map((n) => n.map((w) => w.text).join(''))).toEqual(['市住建局', '市财政局']);
  });

  it('praises tasks completed and ahead by unit, and names units that failed to report', async () => {
    const m = buildBulletinModel(await createFixtureContext(), { attachment: false });
    const body = text(m);
    expect(body).toMatch(/第2项“上半年完成营商环境评估”（市发改委，6月20日报告完成）/u);
    expect(body).toMatch(/第6项“办好十件民生实事”（市财政局），完成70%，超过序时进度20.4个百分点/u);
    expect(body).toMatch(/市发改委、市财政局等单位工作主动、推进有力，予以通报表扬/u);
    expect(body).toMatch(/市教育局（第5项）未按要求报送任务进展情况/u);
  });

  it('asks for a reply by a concrete date computed from the issue date, and nothing about empty categories', async () => {
    const ctx = await createFixtureContext({ issue: { date: '2019-07-05', replyDays: 10 } });
    expect(replyDate(ctx.issue)).toBe('7月15日');
    const m = buildBulletinModel(ctx, { attachment: false });
    const req = m.body
      .slice(m.body.findIndex((b) => b.text === '四、下一步要求') + 1)
      .map((b) => b.text)
      .join('');
    expect(req).toContain('请于7月15日前将整改情况书面报送示例市人民政府督查室');
    expect(req).toMatch(/^一是/u);
    // Both overdue and lagging tasks exist in the fixture; with none overdue the text must not mention them.
    const none = await createFixtureContext({ asOf: '2019-03-15', issue: { date: '2019-03-20', replyDays: 7 } });
    const early = buildBulletinModel(none, { attachment: false });
    expect(text(early)).not.toContain('逾期未完成');
    expect(replyDate(none.issue)).toBe('3月27日');
  });

  it('separates the issue date (masthead, signature, 印发) from the data cut-off in the text', async () => {
    const m = buildBulletinModel(await createFixtureContext({ asOf: '2019-06-30', issue: { date: '2019-07-05' } }), {
      attachment: false,
    });
    expect(m.masthead.date).toBe('2019-07-05');
    expect(m.signature!.date).toBe('2019-07-05');
    expect(m.banji.date).toBe('2019-07-05');
    expect(m.opening).toContain('截至6月30日');
    expect(m.opening).toContain('下同');
    expect(m.title).toBe('关于2019年《政府工作报告》重点任务（上半年）落实情况的通报');
  });

  it('uses single quotes inside quotes and never cuts a title with …', async () => {
    const ctx = await createFixtureContext({
      plan: {
        ...(await createFixtureContext()).plan,
        tasks: (await createFixtureContext()).plan.tasks.map((t) =>
          t.number === 3 ? { ...t, title: '实施“四好农村路”建设' } : t,
        ),
      },
    });
    const body = text(buildBulletinModel(ctx, { attachment: true }));
    expect(body).toContain('第3项“实施‘四好农村路’建设”');
    expect(body).not.toContain('…');
  });

  it('keeps one format family: a brief has no 主送 and no 落款, and a 版记 with 报/送/发', async () => {
    const brief = buildBulletinModel(
      await createFixtureContext({ issue: { format: 'brief', reportTo: '市委、市政府领导', sendTo: '市委督查室' } }),
      { attachment: false },
    );
    expect(brief.recipients).toBe('');
    expect(brief.signature).toBeNull();
    expect(brief.banji).toMatchObject({
      cc: '',
      report: '市委、市政府领导',
      send: '市委督查室',
      distribute: '各县区人民政府，市政府各工作部门、直属机构',
    });
    const doc = buildBulletinModel(await createFixtureContext(), { attachment: false });
    expect(doc.recipients).not.toBe('');
    expect(doc.signature).not.toBeNull();
    expect(doc.banji).toMatchObject({ report: '', send: '', distribute: '' });
  });

  it('takes the office wording when config gives it, filling {{replyDate}}', async () => {
    const ctx = await createFixtureContext({
      issue: { wording: { title: '自定标题', requirements: ['一是抓紧整改，请于{{replyDate}}前报送。'] } },
    });
    const m = buildBulletinModel(ctx, { attachment: false });
    expect(m.title).toBe('自定标题');
    expect(text(m)).toContain('一是抓紧整改，请于7月15日前报送。');
  });
});

describe('attachment helpers', () => {
  it('breaks unit names only between words', () => {
    expect(nameWords('安康高新区管委会')).toEqual(['安康高新区', '管委会']);
    expect(nameWords('恒口示范区（试验区）管委会')).toEqual(['恒口示范区', '（试验区）', '管委会']);
    expect(nameWords('市财政局')).toEqual(['市财政局']);
  });
  it('quotes a narrative only whole clauses at a time, dropping a leading time phrase', () => {
    expect(excerpt('截至6月底，已开工项目12个，尚有8个未开工。', 20)).toBe('已开工项目12个，尚有8个未开工。');
    expect(excerpt('已开工项目12个，尚有8个未开工，其余正在办理前期手续。', 12)).toBe('已开工项目12个。');
    expect(excerpt('一个很长很长很长很长很长很长的分句', 5)).toBe('');
  });
});
