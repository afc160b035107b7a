import { AtlasError } from '@atlas/errors';

/** Bad selection input (a malformed upload, an empty target set, a ratio outside (0, 1], …) or an unknown id (code NOT_FOUND). */
export class SelectError extends AtlasError {
  static override defaultCode = 'BAD_USER_INPUT' as const;
  override readonly name = 'SelectError';
}
