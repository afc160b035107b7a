import { AtlasError } from '@atlas/errors';

/** Errors of the embedders: a missing or malformed model folder, vector file or input. */
export class EmbedError extends AtlasError {
  static override defaultCode = 'BAD_USER_INPUT' as const;
  override name = 'EmbedError';
}
