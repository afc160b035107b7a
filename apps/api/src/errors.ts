import { AtlasError, type AtlasErrorOptions } from '@atlas/errors';

/**
 * Errors the API raises on purpose: an AtlasError with a user-facing code, so `formatError`
 * (format-error.ts) sends its message and code to the client as they are.
 */
export class ApiError extends AtlasError {
  static override defaultCode = 'BAD_USER_INPUT' as const;
  override name = 'ApiError';
}

type Options = Omit<AtlasErrorOptions, 'code'>;

export function notFound(message: string, options: Options = {}): ApiError {
  return new ApiError(message, { ...options, code: 'NOT_FOUND' });
}

export function badUserInput(message: string, options: Options = {}): ApiError {
  return new ApiError(message, { ...options, code: 'BAD_USER_INPUT' });
}

/** The request is valid but needs a model whose files this server does not have. */
export function modelUnavailable(message: string, options: Options = {}): ApiError {
  return new ApiError(message, { ...options, code: 'MODEL_UNAVAILABLE' });
}

/** The request asks for more than one request may: the message gives the figure, the limit and how to ask for less. */
export function queryTooCostly(message: string, options: Options = {}): ApiError {
  return new ApiError(message, { ...options, code: 'QUERY_TOO_COSTLY' });
}

/** Too many requests from one client: the message says when to retry (and the response carries `retry-after`). */
export function rateLimited(message: string, options: Options = {}): ApiError {
  return new ApiError(message, { ...options, code: 'RATE_LIMITED' });
}

/** The work stopped before it finished (the client went away, or the request ran out of time). */
export function cancelled(message: string, options: Options = {}): ApiError {
  return new ApiError(message, { ...options, code: 'CANCELLED' });
}

/** No credentials (or none that still work) for something that needs them: sign in or send an API key. */
export function unauthenticated(message: string, options: Options = {}): ApiError {
  return new ApiError(message, { ...options, code: 'UNAUTHENTICATED' });
}

/** The viewer is known but may not do this (another user's label, a READ key writing, a member reviewing). */
export function forbidden(message: string, options: Options = {}): ApiError {
  return new ApiError(message, { ...options, code: 'FORBIDDEN' });
}

/** The target already exists (a taken handle, an id in use). */
export function conflict(message: string, options: Options = {}): ApiError {
  return new ApiError(message, { ...options, code: 'CONFLICT' });
}
