import { AtlasError } from '@atlas/errors';

/** An argument the statistics cannot work with (a width, a shape, an option); the message says which and what fits. */
export class FeaturesError extends AtlasError {
  static override defaultCode = 'BAD_USER_INPUT' as const;
  override readonly name = 'FeaturesError';
}
