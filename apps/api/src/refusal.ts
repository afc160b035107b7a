import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { ApiError } from './errors.ts';

/**
 * An ApiError as Apollo plugins throw it before execution, with its HTTP status (and headers such
 * as `retry-after`): format-error.ts sends its message and code.
 */
export function refusal(error: ApiError, status: number, headers: Record<string, string> = {}): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { code: error.code, http: { status, headers: new HeaderMap(Object.entries(headers)) } },
  });
}
