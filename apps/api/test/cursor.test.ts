import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../src/cursor.ts';

describe('feature cursors', () => {
  it('round-trips an index through an opaque base64url string', () => {
    const cursor = encodeCursor(123);
    expect(cursor).toBe(Buffer.from('feature:123').toString('base64url'));
    expect(decodeCursor(cursor)).toBe(123);
  });

  it.each(['', 'abc', 'feature:12', encodeCursor(1).slice(0, 4), Buffer.from('feature:-1').toString('base64url'), Buffer.from('model:3').toString('base64url')])(
    'rejects %j with BAD_USER_INPUT and the fix',
    (cursor) => {
      try {
        decodeCursor(cursor);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(GraphQLError);
        expect((error as GraphQLError).extensions['code']).toBe('BAD_USER_INPUT');
        expect((error as GraphQLError).message).toBe(
          `cursor ${JSON.stringify(cursor)} is not a cursor from this API; pass endCursor from a previous page`,
        );
      }
    },
  );
});
