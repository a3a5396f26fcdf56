import type { Verdict } from '@duban/core';
import type { RuleHit } from './_decider.js';
import type { TaskFacts } from './_facts.js';
import type { Judge } from './_judge.js';

/** The full decision trace for one task: its facts, every rule in priority order, and the verdict. */
export interface Explanation {
  task: number;
  facts: TaskFacts;
  rules: RuleHit[];
  verdict: Omit<Verdict, 'task'>;
}

/** Runs the status engine for real on one task's facts and returns every rule's outcome. */
export async function explainTask(judge: Judge, facts: TaskFacts): Promise<Explanation> {
  const record = facts as unknown as Record<string, unknown>;
  return { task: facts.task, facts, rules: await judge.trace(record), verdict: await judge.decide(record) };
}
