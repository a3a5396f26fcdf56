import { main } from './_main.js';

/** Exits once stdout and stderr have drained: process.exit on a pipe would cut long output. */
function exitAfterFlush(code: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

// The only process.exit in duban: every command returns, main decides the code.
main(process.argv.slice(2)).then(exitAfterFlush, (e: unknown) => {
  process.stderr.write(`DUBAN_INTERNAL: ${(e as Error)?.stack ?? String(e)}\n`);
  exitAfterFlush(70);
});
