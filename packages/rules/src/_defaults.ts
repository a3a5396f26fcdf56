import { fileURLToPath } from 'node:url';
import { loadRuleSet } from './_load.js';
import type { RuleSet } from './_schema.js';

/**
 * The default rule set's directory, shipped inside this package (defaults/:
 * status.json, scoring.json, tests/): used when a project has no rules of its own.
 * The same path from src/ (tests) and dist/ (installed).
 */
export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../defaults/', import.meta.url));

/** Loads the default rule set; it is validated like any other (a broken default is a bug, so this throws). */
export function loadDefaultRuleSet(): RuleSet {
  const r = loadRuleSet(DEFAULT_RULES_DIR);
  if (!r.value)
    throw new Error(
      `the default rule set in ${DEFAULT_RULES_DIR} is invalid: ${r.errors.map((e) => e.message).join('; ')}`,
    );
  return r.value;
}
