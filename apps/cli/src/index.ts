import { main } from './_main.js';

// The only process.exit in duban: every command returns, main decides the code.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`DUBAN_INTERNAL: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(70);
  },
);
