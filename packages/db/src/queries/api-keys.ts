import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { apiKeys, users } from '../schema/index.ts';
import type { UserRow } from './users.ts';

/** Every API key starts with this, so a credential can be told from a session token (`sessions.ts`) at a glance. */
export const API_KEY_PREFIX = 'atlas_';

export type ApiKeyRow = {
  id: number;
  userId: number;
  name: string;
  /** The key's first characters, to recognise it in a list (the rest is never stored). */
  prefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
};

const KEY_COLUMNS = {
  id: apiKeys.id, userId: apiKeys.userId, name: apiKeys.name, prefix: apiKeys.prefix, scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, expiresAt: apiKeys.expiresAt, revokedAt: apiKeys.revokedAt,
};

/** Issues an API key (192 random bits). The plaintext is returned once; only its SHA-256 hash is stored. */
export async function createApiKey(
  db: AtlasDb,
  args: { userId: number; name: string; scopes?: string[]; expiresAt?: Date },
): Promise<{ id: number; key: string; row: ApiKeyRow }> {
  const key = `${API_KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  const [created] = await db.orm
    .insert(apiKeys)
    .values({
      userId: args.userId, name: args.name, prefix: key.slice(0, 12), keyHash: hashApiKey(key), scopes: args.scopes ?? [],
      expiresAt: args.expiresAt ?? null,
    })
    .returning(KEY_COLUMNS);
  if (!created) throw new Error('API key was not created');
  return { id: created.id, key, row: created };
}

/**
 * The key and its user for a live (not revoked, not expired) key, or null. Its use is recorded
 * at most once a minute, so reading with a key does not write on every request.
 */
export async function findApiKey(db: AtlasDb, key: string): Promise<{ key: ApiKeyRow; user: UserRow } | null> {
  const [found] = await db.orm
    .select({ key: KEY_COLUMNS, user: { id: users.id, handle: users.handle, displayName: users.displayName, role: users.role, createdAt: users.createdAt } })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(
      and(
        eq(apiKeys.keyHash, hashApiKey(key)),
        isNull(apiKeys.revokedAt),
        or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`)),
      ),
    );
  if (!found) return null;
  await db.orm
    .update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiKeys.id, found.key.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`))));
  return found;
}

/** The user owning a live key, with the key's scopes, or null. */
export async function findUserByApiKey(db: AtlasDb, key: string): Promise<(UserRow & { scopes: string[] }) | null> {
  const found = await findApiKey(db, key);
  return found ? { ...found.user, scopes: found.key.scopes } : null;
}

/** Revokes one of a user's keys (a revoked key stays listed, marked). False when the user has no such live key. */
export async function revokeApiKey(db: AtlasDb, args: { keyId: number; userId: number }): Promise<ApiKeyRow | null> {
  const [revoked] = await db.orm
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, args.keyId), eq(apiKeys.userId, args.userId), isNull(apiKeys.revokedAt)))
    .returning(KEY_COLUMNS);
  return revoked ?? null;
}

/** How many of a user's keys still work (not revoked, not expired). */
export async function countLiveApiKeys(db: AtlasDb, userId: number): Promise<number> {
  const [row] = await db.orm
    .select({ count: sql<number>`count(*)::int` })
    .from(apiKeys)
    .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`))));
  return Number(row?.count ?? 0);
}

/** A user's keys, newest first (revoked ones too, marked), at most `limit`. */
export async function listApiKeys(db: AtlasDb, args: { userId: number; limit: number }): Promise<ApiKeyRow[]> {
  return db.orm.select(KEY_COLUMNS).from(apiKeys).where(eq(apiKeys.userId, args.userId)).orderBy(desc(apiKeys.id)).limit(args.limit);
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
