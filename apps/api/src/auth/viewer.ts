import type { RequestInfo } from '../http/request-info.ts';

/** What an API key or a session may do. */
export type Scope = 'read' | 'write';

/**
 * Who is asking, resolved once per request before anything runs (`resolveViewer`). Rate limits
 * are keyed by it: an API key by its id, a user by theirs, an anonymous client by its address.
 */
export type Viewer =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'user'; readonly userId: string; readonly role: Role; readonly sessionId: string; readonly scopes: readonly Scope[] }
  | { readonly kind: 'apiKey'; readonly keyId: string; readonly userId: string; readonly role: Role; readonly scopes: readonly Scope[] };

/** A user's role: curators and admins may review and hide labels. */
export type Role = 'member' | 'curator' | 'admin';

export const ANONYMOUS: Viewer = { kind: 'anonymous' };

/**
 * Turns a request's credentials (an API key header, a session cookie) into its viewer. Throws an
 * AtlasError UNAUTHENTICATED (HTTP 401) for credentials that are given but invalid, revoked or
 * expired; a request without credentials is anonymous. The server's default is `credentialViewers`
 * (auth/credentials.ts): a session token or an API key in `authorization: Bearer …`.
 */
export type ResolveViewer = (request: RequestInfo) => Promise<Viewer>;

export const anonymousViewers: ResolveViewer = async () => ANONYMOUS;

/** The rate-limit bucket of a request: its key, its user, or (anonymous) its client address. */
export function rateLimitKey(viewer: Viewer, request: RequestInfo): string {
  if (viewer.kind === 'apiKey') return `key:${viewer.keyId}`;
  if (viewer.kind === 'user') return `user:${viewer.userId}`;
  return `ip:${request.clientAddress ?? 'unknown'}`;
}
