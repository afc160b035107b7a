import { countLiveApiKeys, createApiKey, createSession, deleteExpiredSessions, deleteSession, getUserCredentials, registerUser, revokeApiKey } from '@atlas/db';
import type { MutationResolvers } from '../../../generated/resolvers-types.ts';
import { badUserInput, conflict, notFound, unauthenticated } from '../../../errors.ts';
import { requireSession, requireSignedIn } from '../guards.ts';
import { checkDisplayName, checkExpiresInDays, checkHandle, checkKeyName, checkNumericId, checkPassword } from '../input.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';

/** Live keys one user may hold at once. */
export const MAX_LIVE_KEYS = 20;

export const accountMutations: Pick<MutationResolvers, 'signUp' | 'signIn' | 'signOut' | 'createApiKey' | 'revokeApiKey'> = {
  signUp: async (_parent, args, ctx) => {
    const handle = checkHandle(args.handle);
    const password = checkPassword(args.password);
    const displayName = checkDisplayName(args.displayName, handle);
    const passwordHash = await hashPassword(password);
    // The user and their first session are made together: a failure leaves neither.
    return ctx.db.transaction(async (tx) => {
      const user = await registerUser(tx, { handle, displayName, passwordHash });
      if (!user) throw conflict(`The handle "${handle}" is taken; choose another.`);
      const { token, session } = await createSession(tx, user.id);
      return { token, expiresAt: session.expiresAt, user };
    });
  },
  signIn: async (_parent, args, ctx) => {
    const handle = checkHandle(args.handle);
    if (args.password.length > 256) throw badUserInput('password is longer than 256 characters; no account has one that long.');
    const refused = await ctx.rateLimits.admitSignIn(handle);
    if (refused) throw refused.error;
    const user = await getUserCredentials(ctx.db, handle);
    // Unknown handles cost one argon2 verification too, so timing does not tell which handles exist.
    if (!(await verifyPassword(user?.passwordHash ?? null, args.password)) || !user) {
      throw unauthenticated('The handle or the password is wrong. Check both, or sign up (signUp) for a new account.');
    }
    const { token, session } = await createSession(ctx.db, user.id);
    // Sweep on sign-in (not a schedule): sign-ins are when sessions pile up, it needs no worker
    // running beside a plain `npm start`, and the delete is one statement over expired rows only.
    await deleteExpiredSessions(ctx.db);
    return { token, expiresAt: session.expiresAt, user };
  },
  signOut: async (_parent, _args, ctx) => {
    const viewer = requireSession(ctx, 'signOut');
    await deleteSession(ctx.db, viewer.sessionId);
    return true;
  },
  createApiKey: async (_parent, args, ctx) => {
    const viewer = requireSession(ctx, 'createApiKey');
    const name = checkKeyName(args.name);
    const expiresAt = checkExpiresInDays(args.expiresInDays);
    const scopes = args.scope === 'WRITE' ? ['read', 'write'] : ['read'];
    return ctx.db.transaction(async (tx) => {
      if ((await countLiveApiKeys(tx, viewer.id)) >= MAX_LIVE_KEYS) {
        throw badUserInput(`You have ${MAX_LIVE_KEYS} live API keys, the limit; revoke one you no longer use (revokeApiKey) first.`);
      }
      const { key, row } = await createApiKey(tx, { userId: viewer.id, name, scopes, ...(expiresAt ? { expiresAt } : {}) });
      return { key, apiKey: row };
    });
  },
  revokeApiKey: async (_parent, args, ctx) => {
    const viewer = requireSignedIn(ctx, 'revokeApiKey');
    const keyId = checkNumericId('API key', args.id);
    const revoked = await revokeApiKey(ctx.db, { keyId, userId: viewer.id });
    if (!revoked) throw notFound(`You have no live API key with id ${keyId}; myApiKeys lists yours (a revoked key stays revoked).`);
    return revoked;
  },
};
