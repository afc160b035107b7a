import { AtlasError } from '@atlas/errors';

/** Raised for invalid training options, inconsistent weights and unreadable SAE folders. */
export class SaeError extends AtlasError {
  static override defaultCode = 'BAD_USER_INPUT' as const;
  override readonly name = 'SaeError';
}
