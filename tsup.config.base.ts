import { defineConfig, type Options } from 'tsup';

/** The one tsup configuration every package shares; a package passes only what differs. */
export function packageConfig(overrides: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: { compilerOptions: { customConditions: [] } },
    sourcemap: true,
    clean: true,
    splitting: false,
    ...overrides,
  });
}
