import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { sessions, users } from '../schema/index.ts';
import type { UserRow } from './users.ts';

/**
 * Sessions as Lucia's authors now recommend writing them (lucia-auth.com, "Sessions"): a random
 * token (160 bits) given to the client once, its SHA-256 hash as the stored id, an expiry that
 * slides forward while the session is used. Node's own crypto does the randomness and the hash.
 */
export const SESSION_TOKEN_PREFIX = 'sess_';
export const SESSION_LIFETIME_MS = 30 * 24 * 3600 * 1000;
/** A session used with less than this left is extended to a full lifetime again. */
const RENEW_WITHIN_MS = 15 * 24 * 3600 * 1000;

export type SessionRow = { id: string; userId: number; expiresAt: Date };

export async function createSession(db: AtlasDb, userId: number): Promise<{ token: string; session: SessionRow }> {
  const token = `${SESSION_TOKEN_PREFIX}${randomBytes(20).toString('base64url')}`;
  const session = { id: hashSessionToken(token), userId, expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS) };
  await db.orm.insert(sessions).values(session);
  return { token, session };
}

/** The live session of a token and its user, or null (unknown or expired: an expired one is deleted). Extends it when half-used. */
export async function validateSession(db: AtlasDb, token: string): Promise<{ session: SessionRow; user: UserRow } | null> {
  const id = hashSessionToken(token);
  const [found] = await db.orm
    .select({
      session: { id: sessions.id, userId: sessions.userId, expiresAt: sessions.expiresAt },
      user: { id: users.id, handle: users.handle, displayName: users.displayName, role: users.role, createdAt: users.createdAt },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  if (!found) return null;
  if (found.session.expiresAt.getTime() <= Date.now()) {
    await db.orm.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  if (found.session.expiresAt.getTime() - Date.now() < RENEW_WITHIN_MS) {
    const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
    await db.orm.update(sessions).set({ expiresAt }).where(and(eq(sessions.id, id), gt(sessions.expiresAt, sql`now()`)));
    found.session.expiresAt = expiresAt;
  }
  return found;
}

/** Signs a session out (deletes it). */
export async function deleteSession(db: AtlasDb, sessionId: string): Promise<void> {
  await db.orm.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Deletes sessions past their expiry (housekeeping; validateSession already refuses them). */
export async function deleteExpiredSessions(db: AtlasDb): Promise<number> {
  const deleted = await db.orm.delete(sessions).where(lt(sessions.expiresAt, sql`now()`)).returning({ id: sessions.id });
  return deleted.length;
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
