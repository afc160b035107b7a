import { AtlasError } from '@atlas/errors';

/** Raised for an unknown corpus name, a missing file or a malformed file. */
export class CorpusError extends AtlasError {
  static override defaultCode = 'BAD_USER_INPUT' as const;
  override readonly name = 'CorpusError';
}
