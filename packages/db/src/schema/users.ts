import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

export type UserRole = 'member' | 'curator' | 'admin';

export const users = pgTable(
  'users',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    handle: text('handle').notNull().unique(),
    displayName: text('display_name').notNull(),
    email: text('email').unique(),
    /** argon2id (PHC string, `@node-rs/argon2`); null for users who cannot sign in (made by the CLI or tests). */
    passwordHash: text('password_hash'),
    role: text('role').$type<UserRole>().notNull().default('member'),
    createdAt: createdAt(),
  },
  (t) => [check('users_role_check', sql`${t.role} in ('member', 'curator', 'admin')`)],
);

/** API keys are stored only as a SHA-256 hash; `prefix` (first characters) identifies one in the UI. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    scopes: text('scopes').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('api_keys_user_idx').on(t.userId)],
);

/**
 * Signed-in sessions: a random token handed to the client once, stored only as its SHA-256 hash
 * (`id`), so a leaked table holds no usable session. Expiry slides forward while it is used.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);
