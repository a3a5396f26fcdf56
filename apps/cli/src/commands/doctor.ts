import type { Command } from 'commander';
import type { CliEnv } from '../_env.js';

/** Registers the `doctor` command(s). Not implemented yet. */
export function register(_program: Command, _env: CliEnv): void {}
