import { AtlasError } from '@atlas/errors';

/** Raised for a model folder that cannot be loaded, an unsupported graph, or a bad `run` request. */
export class ModelError extends AtlasError {
  static override defaultCode = 'BAD_USER_INPUT' as const;
  override readonly name = 'ModelError';
}
