import { cookies } from 'next/headers';

/**
 * The signed-in user's session token lives in an httpOnly cookie set by the account server
 * actions: page scripts cannot read it, and the web forwards it to the API as
 * `authorization: Bearer <token>` (lib/graphql.ts) from the server only.
 */
const COOKIE = 'atlas_session';

export async function sessionToken(): Promise<string | undefined> {
  return (await cookies()).get(COOKIE)?.value;
}

export async function storeSessionToken(token: string, expiresAt: string): Promise<void> {
  (await cookies()).set(COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.NODE_ENV === 'production',
    path: '/',
    expires: new Date(expiresAt),
  });
}

export async function clearSessionToken(): Promise<void> {
  (await cookies()).delete(COOKIE);
}
