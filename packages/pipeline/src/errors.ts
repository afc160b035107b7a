import { AtlasError } from '@atlas/errors';

/**
 * An error the user can fix: bad flag, missing file, wrong shape. The CLI prints its message
 * alone (no stack) and exits with status 2; anything else is a bug and keeps its stack.
 */
export class UserError extends AtlasError {
  static override defaultCode = 'BAD_USER_INPUT' as const;
  override readonly name = 'UserError';
}
