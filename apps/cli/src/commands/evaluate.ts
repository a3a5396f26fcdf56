import type { Command } from 'commander';
import type { CliEnv } from '../_env.js';

/** Registers the `evaluate` command(s). Not implemented yet. */
export function register(_program: Command, _env: CliEnv): void {}
