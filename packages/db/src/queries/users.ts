import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { apiKeys, users, type UserRole } from '../schema/index.ts';

export type UserRow = { id: number; handle: string; displayName: string; role: UserRole };

export async function createUser(
  db: AtlasDb,
  user: { handle: string; displayName: string; email?: string; role?: UserRole },
): Promise<number> {
  const [created] = await db.orm
    .insert(users)
    .values({ handle: user.handle, displayName: user.displayName, email: user.email ?? null, role: user.role ?? 'member' })
    .returning({ id: users.id });
  if (!created) throw new Error('user was not created');
  return created.id;
}

/** Issues an API key. The plaintext is returned once; only its SHA-256 hash is stored. */
export async function createApiKey(
  db: AtlasDb,
  args: { userId: number; name: string; scopes?: string[]; expiresAt?: Date },
): Promise<{ id: number; key: string }> {
  const key = `atlas_${randomBytes(24).toString('base64url')}`;
  const [created] = await db.orm
    .insert(apiKeys)
    .values({
      userId: args.userId,
      name: args.name,
      prefix: key.slice(0, 12),
      keyHash: hashApiKey(key),
      scopes: args.scopes ?? [],
      expiresAt: args.expiresAt ?? null,
    })
    .returning({ id: apiKeys.id });
  if (!created) throw new Error('API key was not created');
  return { id: created.id, key };
}

/** The user owning a live (not revoked, not expired) key, or null; records its use. */
export async function findUserByApiKey(db: AtlasDb, key: string): Promise<(UserRow & { scopes: string[] }) | null> {
  const [found] = await db.orm
    .update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(
      and(
        eq(apiKeys.keyHash, hashApiKey(key)),
        isNull(apiKeys.revokedAt),
        or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`)),
      ),
    )
    .returning({ userId: apiKeys.userId, scopes: apiKeys.scopes });
  if (!found) return null;
  const [user] = await db.orm
    .select({ id: users.id, handle: users.handle, displayName: users.displayName, role: users.role })
    .from(users)
    .where(eq(users.id, found.userId));
  return user ? { ...user, scopes: found.scopes } : null;
}

export async function revokeApiKey(db: AtlasDb, keyId: number): Promise<void> {
  await db.orm.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, keyId));
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
