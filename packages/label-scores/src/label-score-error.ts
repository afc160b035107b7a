import { AtlasError } from '@atlas/errors';

/** A scoring request that cannot run as asked (unknown SAE or scorer, missing LLM settings); the message says the fix. */
export class LabelScoreError extends AtlasError {
  static override defaultCode = 'BAD_USER_INPUT' as const;
  override name = 'LabelScoreError';
}
