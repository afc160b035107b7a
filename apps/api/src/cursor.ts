import { parseFeatureIndex } from '@atlas/ids';
import { badUserInput } from './errors.ts';

/** Opaque cursors for feature pages and map pages: base64url of `feature:<index>`. */
const PREFIX = 'feature:';

export function encodeCursor(index: number): string {
  return Buffer.from(`${PREFIX}${index}`, 'utf8').toString('base64url');
}

/** The feature index a cursor points at; BAD_USER_INPUT for anything this API did not issue. */
export function decodeCursor(cursor: string): number {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const index = text.startsWith(PREFIX) ? parseFeatureIndex(text.slice(PREFIX.length)) : null;
  if (index === null) {
    throw badUserInput(`cursor ${JSON.stringify(cursor)} is not a cursor from this API; pass endCursor from a previous page`);
  }
  return index;
}
