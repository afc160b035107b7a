import { eq, inArray } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';
import { users, type UserRole } from '../schema/index.ts';

export type UserRow = { id: number; handle: string; displayName: string; role: UserRole; createdAt: Date };

const USER_COLUMNS = { id: users.id, handle: users.handle, displayName: users.displayName, role: users.role, createdAt: users.createdAt };

/** Creates a user (tests, the CLI); see `registerUser` for sign-up, where a taken handle is an answer, not a failure. */
export async function createUser(
  db: AtlasDb,
  user: { handle: string; displayName: string; email?: string; role?: UserRole; passwordHash?: string },
): Promise<number> {
  const [created] = await db.orm
    .insert(users)
    .values({
      handle: user.handle, displayName: user.displayName, email: user.email ?? null, role: user.role ?? 'member',
      passwordHash: user.passwordHash ?? null,
    })
    .returning({ id: users.id });
  if (!created) throw new Error('user was not created');
  return created.id;
}

/** Sign-up: a new member with a password hash, or null when the handle is taken (checked by the insert itself, so two sign-ups cannot both win). */
export async function registerUser(
  db: AtlasDb,
  user: { handle: string; displayName: string; passwordHash: string },
): Promise<UserRow | null> {
  const [created] = await db.orm
    .insert(users)
    .values({ handle: user.handle, displayName: user.displayName, passwordHash: user.passwordHash })
    .onConflictDoNothing({ target: users.handle })
    .returning(USER_COLUMNS);
  return created ?? null;
}

/** A user and their password hash by handle, for sign-in; null when there is no such handle. */
export async function getUserCredentials(db: AtlasDb, handle: string): Promise<(UserRow & { passwordHash: string | null }) | null> {
  const [found] = await db.orm.select({ ...USER_COLUMNS, passwordHash: users.passwordHash }).from(users).where(eq(users.handle, handle));
  return found ?? null;
}

export async function getUsersByIds(db: AtlasDb, ids: readonly number[]): Promise<Map<number, UserRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.orm.select(USER_COLUMNS).from(users).where(inArray(users.id, [...ids]));
  return new Map(rows.map((row) => [row.id, row]));
}

/** Makes a user a member, curator (may review and hide labels) or admin. False when there is no such user. */
export async function setUserRole(db: AtlasDb, userId: number, role: UserRole): Promise<boolean> {
  const updated = await db.orm.update(users).set({ role }).where(eq(users.id, userId)).returning({ id: users.id });
  return updated.length > 0;
}

/**
 * Gives the user with this handle a role (the API's setUserRole, `atlas users grant`); their
 * sessions and keys keep working and carry the new role from their next request. Null when no
 * user has the handle.
 */
export async function setUserRoleByHandle(db: AtlasDb, handle: string, role: UserRole): Promise<UserRow | null> {
  const [updated] = await db.orm.update(users).set({ role }).where(eq(users.handle, handle)).returning(USER_COLUMNS);
  return updated ?? null;
}
