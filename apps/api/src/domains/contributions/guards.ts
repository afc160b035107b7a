import type { Viewer } from '../../auth/viewer.ts';
import type { ApiContext } from '../../context.ts';
import { forbidden, unauthenticated } from '../../errors.ts';

/** A signed-in viewer: a session or an API key, with the user's id as a number. */
export type SignedIn = Exclude<Viewer, { kind: 'anonymous' }> & { id: number };

/** The viewer, signed in; UNAUTHENTICATED for anonymous requests, saying how to sign in. */
export function requireSignedIn(ctx: ApiContext, action: string): SignedIn {
  const { viewer } = ctx;
  if (viewer.kind === 'anonymous') {
    throw unauthenticated(
      `${action} needs an account: sign in (signIn) or send an API key as \`authorization: Bearer <key>\`.`,
    );
  }
  return { ...viewer, id: Number(viewer.userId) };
}

/** A viewer allowed to write: a session, or an API key with the WRITE scope (FORBIDDEN for a READ key). */
export function requireWriter(ctx: ApiContext, action: string): SignedIn {
  const viewer = requireSignedIn(ctx, action);
  if (!viewer.scopes.includes('write')) {
    throw forbidden(`${action} needs write access, and this API key is READ-only. Make a WRITE key (createApiKey with scope: WRITE) or sign in.`);
  }
  return viewer;
}

export function isCurator(viewer: Viewer): boolean {
  return viewer.kind !== 'anonymous' && (viewer.role === 'curator' || viewer.role === 'admin');
}

/** A writer who is a curator or an admin (FORBIDDEN for members). */
export function requireCurator(ctx: ApiContext, action: string): SignedIn {
  const viewer = requireWriter(ctx, action);
  if (!isCurator(viewer)) throw forbidden(`${action} is for curators and admins; your account is a member. Vote on the label instead (voteLabel).`);
  return viewer;
}

/** A session (not an API key): making keys needs one, so a leaked key cannot make more. */
export function requireSession(ctx: ApiContext, action: string): SignedIn & { kind: 'user' } {
  const viewer = requireSignedIn(ctx, action);
  if (viewer.kind !== 'user') throw forbidden(`${action} needs a signed-in session, not an API key: sign in (signIn) and use the session token.`);
  return viewer;
}
