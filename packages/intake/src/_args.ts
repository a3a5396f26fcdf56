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
  const c = (value: string | undefined, column: string) => ({ value, column });
  return {
    where: { file: 'command line', row: 1 },
    fields: {
      task: c(a.task, 'TASK'),
      unit: c(a.unit, '--unit'),
      date: c(a.date, '--date'),
      percent: c(a.percent, '--percent'),
      state: c(a.state, '--state'),
      values: c(a.value?.join(';'), '--value'),
      progress: c(a.note, '--note'),
      problems: c(a.problems, '--problems'),
      nextSteps: c(a.next, '--next'),
      evidence: c(a.evidence?.join(';'), '--evidence'),
    },
  };
}
