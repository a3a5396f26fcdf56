import type { ErrorClass } from '@duban/core';

/**
 * The exit code of each error class. The CLI alone decides exit codes; libraries
 * only name the error, and the catalog in @duban/core gives its class.
 * 70 is EX_SOFTWARE from sysexits.h, as for any unexpected crash.
 */
export const EXIT_CODES: Readonly<Record<ErrorClass, number>> = {
  input: 2,
  state: 3,
  environment: 3,
  conflict: 4,
  internal: 70,
};
