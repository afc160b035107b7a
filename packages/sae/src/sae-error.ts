import { AtlasError } from '@atlas/errors';

/** Raised for invalid training options, inconsistent weights and unreadable SAE folders. */
export class SaeError extends AtlasError {
  static override defaultCode = 'BAD_USER_INPUT' as const;
  override readonly name = 'SaeError';
}

/** For a SaeError no input can cause (a broken invariant of this package): a bug, not the user's to fix. */
export const BUG = { code: 'INTERNAL_SERVER_ERROR' } as const;
