import { describe, expect, it } from 'vitest';
import { AtlasError, ERROR_CODES, isAtlasError, isErrorCode, oneLine, userFacingError } from '../src/index.ts';

class ThingError extends AtlasError {
  static override defaultCode = 'BAD_USER_INPUT' as const;
  override name = 'ThingError';
}

describe('AtlasError', () => {
  it('takes its class default code unless the throw site names one', () => {
    expect(new ThingError('bad').code).toBe('BAD_USER_INPUT');
    expect(new ThingError('gone', { code: 'NOT_FOUND' }).code).toBe('NOT_FOUND');
    expect(new AtlasError('bug').code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('is user-facing exactly when its code is', () => {
    expect(userFacingError(new ThingError('bad'))).toBeInstanceOf(ThingError);
    expect(userFacingError(new AtlasError('bug'))).toBeUndefined();
    expect(userFacingError(new Error('plain'))).toBeUndefined();
    expect(new ThingError('x', { code: 'INTERNAL_SERVER_ERROR' }).userFacing).toBe(false);
  });

  it('is recognised by brand, keeps its cause and its subclass name', () => {
    const cause = new Error('root');
    const error = new ThingError('bad', { cause });
    expect(isAtlasError(error)).toBe(true);
    expect(isAtlasError({ code: 'BAD_USER_INPUT' })).toBe(false);
    expect(error.cause).toBe(cause);
    expect(error.name).toBe('ThingError');
    expect(error).toBeInstanceOf(Error);
  });

  it('knows its codes and folds multi-line messages into one line', () => {
    expect(isErrorCode('NOT_FOUND')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(Object.values(ERROR_CODES).every((entry) => entry.summary.length > 0)).toBe(true);
    expect(oneLine('Invalid options:\n  - --k is required\n  - --width must be at least 1')).toBe(
      'Invalid options: --k is required; --width must be at least 1',
    );
  });
});
