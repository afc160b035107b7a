// @atlas/errors: the one error contract. Packages subclass AtlasError; the CLI, the API and the
// web each map it in exactly one place, by code.
export { AtlasError, isAtlasError, userFacingError, oneLine, type AtlasErrorOptions } from './atlas-error.ts';
export { ERROR_CODES, ERROR_CODE_NAMES, isErrorCode, type ErrorCode } from './codes.ts';
