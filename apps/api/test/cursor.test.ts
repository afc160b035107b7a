import { isAtlasError } from '@atlas/errors';
import { MAX_FEATURE_INDEX } from '@atlas/ids';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../src/cursor.ts';

const cursorOf = (text: string) => Buffer.from(text).toString('base64url');

describe('feature cursors', () => {
  it('round-trips an index through an opaque base64url string', () => {
    const cursor = encodeCursor(123);
    expect(cursor).toBe(cursorOf('feature:123'));
    expect(decodeCursor(cursor)).toBe(123);
    expect(decodeCursor(encodeCursor(MAX_FEATURE_INDEX))).toBe(MAX_FEATURE_INDEX);
  });

  it.each([
    '', 'abc', 'feature:12', encodeCursor(1).slice(0, 4), cursorOf('feature:-1'), cursorOf('model:3'),
    // Past the int4 features.index column: the database could not compare with it.
    cursorOf(`feature:${MAX_FEATURE_INDEX + 1}`), cursorOf('feature:99999999999'),
  ])(
    'rejects %j with BAD_USER_INPUT and the fix',
    (cursor) => {
      try {
        decodeCursor(cursor);
        expect.unreachable();
      } catch (error) {
        expect(isAtlasError(error) && error.code).toBe('BAD_USER_INPUT');
        expect((error as Error).message).toBe(
          `cursor ${JSON.stringify(cursor)} is not a cursor from this API; pass endCursor from a previous page`,
        );
      }
    },
  );
});
