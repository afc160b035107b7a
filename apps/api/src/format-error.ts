import { ApolloServerErrorCode, ApolloServerValidationErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { isConnectionLost } from '@atlas/db';
import { ERROR_CODES, isAtlasError, isErrorCode, type AtlasError, type ErrorCode } from '@atlas/errors';
import type { GraphQLFormattedError } from 'graphql';

/** Codes a client may see: the atlas's (`@atlas/errors`) and Apollo's request-level ones. */
export type ClientErrorCode = ErrorCode | `${ApolloServerErrorCode}` | `${ApolloServerValidationErrorCode}`;

/** Apollo's codes for requests it rejects itself (parse, validation, bad HTTP), whose messages are meant for the client. */
const APOLLO_REQUEST_CODES: ReadonlySet<string> = new Set<string>([
  ...Object.values(ApolloServerErrorCode).filter((code) => code !== ApolloServerErrorCode.INTERNAL_SERVER_ERROR),
  ...Object.values(ApolloServerValidationErrorCode),
]);

function isUserFacingCode(code: unknown): code is ClientErrorCode {
  return typeof code === 'string' && ((isErrorCode(code) && ERROR_CODES[code].userFacing) || APOLLO_REQUEST_CODES.has(code));
}

/**
 * The AtlasError behind an error: thrown by a resolver (unwrapped from its GraphQLError), or
 * wrapped by Apollo around what a plugin or validation rule raised (its `originalError`).
 */
export function atlasErrorBehind(error: unknown): AtlasError | undefined {
  const original = unwrapResolverError(error);
  if (isAtlasError(original)) return original;
  const inner = (original as { originalError?: unknown } | null)?.originalError;
  return isAtlasError(inner) ? inner : undefined;
}

/**
 * The code to send, or undefined when the error must be masked. An AtlasError (thrown by any
 * package) carries its own code; a GraphQLError keeps a user-facing `extensions.code`.
 */
export function clientCode(formatted: Pick<GraphQLFormattedError, 'extensions'>, error: unknown): ClientErrorCode | undefined {
  const atlas = atlasErrorBehind(error);
  if (atlas) return atlas.userFacing ? atlas.code : undefined;
  if (isConnectionLost(unwrapResolverError(error))) return 'DATABASE_UNAVAILABLE';
  const code = formatted.extensions?.['code'];
  return isUserFacingCode(code) ? code : undefined;
}

export const MASKED_MESSAGE = 'Internal server error. It has been logged; please retry or report it.';

/** What a client is told when a query failed because the database connection was lost (a restart, an outage). */
export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is unavailable (it may be restarting). Retry in a few seconds.';

/**
 * Apollo's `formatError`: the one place errors are mapped for clients. User-facing errors pass
 * with their message and only their code; anything else becomes a generic INTERNAL_SERVER_ERROR
 * (logged once per request, compactly, by plugins/error-log.ts).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = clientCode(formatted, error);
  if (code === 'GRAPHQL_PARSE_FAILED' && formatted.message.includes('Parsing aborted')) {
    // The parser's token limit (RequestLimits.maxTokens): a query too large to take on, not malformed.
    const limit = /(\d+) tokens/.exec(formatted.message)?.[1] ?? 'the allowed number of';
    const message = `This query has more than ${limit} tokens, the limit for one request. Ask for fewer fields or aliases, or split the query into several requests.`;
    return { ...formatted, message, extensions: { code: 'QUERY_TOO_COSTLY' satisfies ErrorCode } };
  }
  if (code === 'DATABASE_UNAVAILABLE' && !atlasErrorBehind(error)) {
    return { ...formatted, message: DATABASE_UNAVAILABLE_MESSAGE, extensions: { code } };
  }
  if (code) return { ...formatted, extensions: { code } };
  return {
    message: MASKED_MESSAGE,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' satisfies ErrorCode },
  };
}
