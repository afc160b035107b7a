import { API_KEY_PREFIX, findApiKey, SESSION_TOKEN_PREFIX, validateSession, type AtlasDb } from '@atlas/db';
import { unauthenticated } from '../errors.ts';
import type { RequestInfo } from '../http/request-info.ts';
import { ANONYMOUS, type ResolveViewer, type Scope, type Viewer } from './viewer.ts';

/** Longer than any credential this API issues: refused before hashing or querying. */
const MAX_CREDENTIAL_LENGTH = 200;

/** The credential in `authorization: Bearer <credential>`, null without the header; UNAUTHENTICATED for any other form. */
export function bearerCredential(request: RequestInfo): string | null {
  const header = request.headers.authorization;
  if (header === undefined || header === '') return null;
  const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(header.trim());
  if (!match?.[1] || match[1].length > MAX_CREDENTIAL_LENGTH) {
    throw unauthenticated(
      'The authorization header is not "Bearer <credential>". Send a session token from signIn or an API key from createApiKey ' +
        'as `authorization: Bearer <credential>`, or no authorization header to read anonymously.',
    );
  }
  return match[1];
}

function scopesOf(stored: readonly string[]): Scope[] {
  // A write key may read as well; anything else a key row holds (older scope names) grants read only.
  return stored.includes('write') ? ['read', 'write'] : ['read'];
}

/**
 * The server's viewer resolver: a session token (`sess_…`) or an API key (`atlas_…`) in the
 * authorization header. Sessions may read and write; keys what their scope says. A credential
 * that is unknown, revoked or expired is UNAUTHENTICATED (HTTP 401); none at all is anonymous.
 */
export function credentialViewers(db: AtlasDb): ResolveViewer {
  return async (request): Promise<Viewer> => {
    const credential = bearerCredential(request);
    if (credential === null) return ANONYMOUS;
    if (credential.startsWith(SESSION_TOKEN_PREFIX)) {
      const found = await validateSession(db, credential);
      if (!found) throw unauthenticated('This session has expired or was signed out. Sign in again (signIn) for a new token.');
      return { kind: 'user', userId: String(found.user.id), role: found.user.role, sessionId: found.session.id, scopes: ['read', 'write'] };
    }
    if (credential.startsWith(API_KEY_PREFIX)) {
      const found = await findApiKey(db, credential);
      if (!found) {
        throw unauthenticated('This API key is unknown, revoked or expired. Make a new one with createApiKey (signed in), or send no key to read anonymously.');
      }
      return { kind: 'apiKey', keyId: String(found.key.id), userId: String(found.user.id), role: found.user.role, scopes: scopesOf(found.key.scopes) };
    }
    throw unauthenticated(
      `This credential is neither a session token ("${SESSION_TOKEN_PREFIX}…") nor an API key ("${API_KEY_PREFIX}…"). ` +
        'Sign in (signIn) or make an API key (createApiKey).',
    );
  };
}
