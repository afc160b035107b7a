import { AtlasError } from '@atlas/errors';

/** Raised for activation files that are missing, truncated, corrupt or of an unsupported layout. */
export class ActivationFileError extends AtlasError {
  static override defaultCode = 'BAD_USER_INPUT' as const;
  override readonly name = 'ActivationFileError';
}
