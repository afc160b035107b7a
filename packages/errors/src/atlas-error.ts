import { ERROR_CODES, type ErrorCode } from './codes.ts';

export interface AtlasErrorOptions {
  /** Overrides the class's default code. */
  code?: ErrorCode;
  cause?: unknown;
}

/** Marks atlas errors across module copies (two installs of this package still recognise each other). */
const BRAND: unique symbol = Symbol.for('feature-atlas.error') as never;

/**
 * The base of every error a package raises on purpose. `code` is stable and machine-readable;
 * when the code is user-facing the message is written for the person who can fix it (what is
 * wrong, and what to do), so the CLI prints it as one line and the API sends it as it is.
 * A package subclasses it once, setting its default code; a throw site may pass another.
 */
export class AtlasError extends Error {
  /** The code a subclass's errors carry unless the throw site names another. */
  static defaultCode: ErrorCode = 'INTERNAL_SERVER_ERROR';
  override name = 'AtlasError';
  readonly code: ErrorCode;
  readonly [BRAND] = true;

  constructor(message: string, options: AtlasErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? (new.target as typeof AtlasError).defaultCode;
  }

  /** Whether the message was written for users (else it is a bug or an outage, to be logged and masked). */
  get userFacing(): boolean {
    return ERROR_CODES[this.code].userFacing;
  }
}

export function isAtlasError(error: unknown): error is AtlasError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
}

/** The error as the user should see it, or undefined when it is a bug (to be shown with its stack, or masked). */
export function userFacingError(error: unknown): AtlasError | undefined {
  return isAtlasError(error) && error.userFacing ? error : undefined;
}

/** One line: newlines in a message (lists of problems) become "; ". */
export function oneLine(message: string): string {
  return message
    .split('\n')
    .map((line) => line.trim().replace(/^- /, ''))
    .filter((line) => line.length > 0)
    .join('; ')
    .replace(/:;/g, ':');
}
