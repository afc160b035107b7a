/**
 * Every code an error can carry, from any package to the CLI, the API (`extensions.code`) and
 * the web. The list is the contract: codes are never renamed, only added. `userFacing` codes
 * come with a message written for the person who can act on it; the others are bugs or outages
 * whose details are logged, not shown.
 */
export const ERROR_CODES = {
  BAD_USER_INPUT: { userFacing: true, summary: 'An argument, flag, file or upload is invalid; the message says which and how to fix it.' },
  NOT_FOUND: { userFacing: true, summary: 'The id names nothing in the atlas.' },
  CONFLICT: { userFacing: true, summary: 'The same work is already running or the target already exists.' },
  MODEL_UNAVAILABLE: { userFacing: true, summary: "The model's files are not on this server." },
  DATABASE_UNAVAILABLE: { userFacing: true, summary: 'The database could not be reached or does not match this version.' },
  UPSTREAM_FAILED: { userFacing: true, summary: 'A server the atlas calls (an LLM endpoint, a job worker) failed.' },
  UNAUTHENTICATED: { userFacing: true, summary: 'Sign in or send an API key.' },
  FORBIDDEN: { userFacing: true, summary: 'The signed-in user or key may not do this.' },
  RATE_LIMITED: { userFacing: true, summary: 'Too many requests; retry after the time given.' },
  QUERY_TOO_COSTLY: { userFacing: true, summary: 'The query asks for more work than one request may cause.' },
  CANCELLED: { userFacing: true, summary: 'The work was cancelled before it finished.' },
  INTERNAL_SERVER_ERROR: { userFacing: false, summary: 'A bug or an unexpected failure; it was logged.' },
} as const satisfies Record<string, { userFacing: boolean; summary: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const ERROR_CODE_NAMES = Object.keys(ERROR_CODES) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}
