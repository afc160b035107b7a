import { ApolloServerErrorCode, ApolloServerValidationErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { ERROR_CODES, isAtlasError, isErrorCode, type ErrorCode } from '@atlas/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from './logger.ts';

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
 * The code to send, or undefined when the error must be masked. An AtlasError (thrown by any
 * package) carries its own code; a GraphQLError keeps a user-facing `extensions.code`.
 */
function clientCode(formatted: GraphQLFormattedError, original: unknown): ClientErrorCode | undefined {
  if (isAtlasError(original)) return original.userFacing ? original.code : undefined;
  const code = formatted.extensions?.['code'];
  return isUserFacingCode(code) ? code : undefined;
}

/**
 * Apollo's `formatError`: the one place errors are mapped for clients. User-facing errors pass
 * with their message and only their code; anything else is logged in full and replaced by a
 * generic INTERNAL_SERVER_ERROR.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = clientCode(formatted, original);
    if (code) return { ...formatted, extensions: { code } };
    const where = formatted.path ? ` at ${formatted.path.join('.')}` : '';
    logger.error(`Unexpected error${where}:`, original instanceof Error ? (original.stack ?? original) : original);
    return {
      message: 'Internal server error. It has been logged; please retry or report it.',
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' satisfies ErrorCode },
    };
  };
}
