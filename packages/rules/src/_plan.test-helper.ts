// Test helpers shared by this package's unit tests (named *.test-helper.ts: never imported by product code).
import type { Assignment, Plan, ProgressReport, Task } from '@duban/core';

/** A task with sensible defaults for tests. */
export function task(number: number, deadline: string, assignments: Assignment[], extra: Partial<Task> = {}): Task {
  return {
    number,
    section: 1,
    text: `任务${number}。`,
    title: `任务${number}`,
    source: { startLine: number, endLine: number },
    assignments,
    indicators: [],
    deadline: { phrase: null, date: deadline },
    ...extra,
  };
}

/** A plan of 2019 issued on 2019-02-28 with one 推进方案 milestone on 2019-03-08. */
export function plan(tasks: Task[]): Plan {
  return {
    issuer: '测试市人民政府',
    docNumber: null,
    title: '测试方案',
    date: '2019-02-28',
    year: 2019,
    headline: [],
    milestones: [{ key: '推进方案', text: '推进方案', deadline: { phrase: '3月8日12时前', date: '2019-03-08' } }],
    sections: [{ number: 1, title: '一' }],
    tasks,
    units: [],
    warnings: [],
    sourceDigest: 'x',
  };
}

/** A progress report with defaults. */
export function report(task: number, unit: string, date: string, extra: Partial<ProgressReport> = {}): ProgressReport {
  return {
    task,
    unit,
    date,
    state: 'in_progress',
    values: {},
    progress: '',
    problems: '',
    nextSteps: '',
    evidence: [],
    ...extra,
  };
}
