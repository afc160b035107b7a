import { AtlasError } from '@atlas/errors';

/** Every error @atlas/compare raises on purpose; bad input by default. */
export class CompareError extends AtlasError {
  static override defaultCode = 'BAD_USER_INPUT' as const;
  override name = 'CompareError';
}
