/** Turns `duban progress add` arguments into a row, so the command line gets exactly the file validation. */
import type { ProgressRow } from './_row.js';

/** Options of `duban progress add`, as commander hands them over. */
export interface AddArgs {
  task: string;
  unit: string;
  date: string;
  percent?: string;
  value?: string[];
  state?: string;
  note?: string;
  problems?: string;
  next?: string;
  evidence?: string[];
}

/** Builds a one-row input from command-line arguments; columns are named by their flags. */
export function rowFromArgs(a: AddArgs): ProgressRow {
  return {
    where: { file: 'command line', row: 1 },
    fields: {
      task: a.task,
      unit: a.unit,
      date: a.date,
      percent: a.percent,
      state: a.state,
      values: a.value?.join(';'),
      progress: a.note,
      problems: a.problems,
      nextSteps: a.next,
      evidence: a.evidence?.join(';'),
    },
    columns: {
      task: 'TASK',
      unit: '--unit',
      date: '--date',
      percent: '--percent',
      state: '--state',
      values: '--value',
      progress: '--note',
      problems: '--problems',
      nextSteps: '--next',
      evidence: '--evidence',
    },
  };
}
