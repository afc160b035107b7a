import { AtlasError } from '@atlas/errors';

/** A search or features-for-text request that cannot be answered as asked; the message says the limit and the fix. */
export class SearchError extends AtlasError {
  static override defaultCode = 'BAD_USER_INPUT' as const;
  override name = 'SearchError';
}
