import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from './logger.ts';

/** Every error a client sees carries one of these (or one of Apollo's request codes). */
export const ErrorCode = {
  NotFound: 'NOT_FOUND',
  BadUserInput: 'BAD_USER_INPUT',
  /** The request is valid but needs a model whose files this server does not have. */
  ModelUnavailable: 'MODEL_UNAVAILABLE',
  Internal: 'INTERNAL_SERVER_ERROR',
} as const;

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.NotFound } });
}

export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BadUserInput } });
}

export function modelUnavailable(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.ModelUnavailable } });
}

/** Codes whose messages were written for clients: ours, plus Apollo's request-level ones. */
const CLIENT_CODES: ReadonlySet<string> = new Set([
  ErrorCode.NotFound,
  ErrorCode.BadUserInput,
  ErrorCode.ModelUnavailable,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * Apollo's `formatError`: the one place where unexpected errors are masked. Client errors pass
 * through with only their code; anything else is logged in full and replaced by a generic one.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.['code'];
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      return { ...formatted, extensions: { code } };
    }
    const original = unwrapResolverError(error);
    const where = formatted.path ? ` at ${formatted.path.join('.')}` : '';
    logger.error(`Unexpected error${where}:`, original instanceof Error ? (original.stack ?? original) : original);
    return {
      message: 'Internal server error. It has been logged; please retry or report it.',
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.Internal },
    };
  };
}
