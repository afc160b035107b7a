import { AtlasError } from '@atlas/errors';

/** A problem with how the CLI was called: a flag, a missing file, an unknown command. */
export class CliError extends AtlasError {
  static override defaultCode = 'BAD_USER_INPUT' as const;
  override readonly name = 'CliError';
}
