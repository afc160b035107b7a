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
