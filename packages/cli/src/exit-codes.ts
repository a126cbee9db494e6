import type { ErrorCode } from '@longarm/core';

/** Contract exit codes: 0 done, 1 nothing done, 3 partly done (report lists each failure). */
export const EXIT_DONE = 0;
export const EXIT_NOTHING_DONE = 1;
export const EXIT_PARTLY_DONE = 3;

export const EXIT_CODE: Record<ErrorCode, number> = {
  invalid_input: EXIT_NOTHING_DONE,
  unauthorized: EXIT_NOTHING_DONE,
  forbidden: EXIT_NOTHING_DONE,
  not_found: EXIT_NOTHING_DONE,
  conflict: EXIT_NOTHING_DONE,
  rate_limited: EXIT_NOTHING_DONE,
  unavailable: EXIT_NOTHING_DONE,
  internal: EXIT_NOTHING_DONE,
};
