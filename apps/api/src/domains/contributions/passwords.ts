import { hash, verify } from '@node-rs/argon2';

/**
 * Password hashing with argon2id (`@node-rs/argon2`: prebuilt binaries, no install script) at the
 * library's defaults, which are OWASP's recommendation (19 MiB, 2 passes, 1 lane; ~0.1 s here).
 * The hash is a PHC string carrying its own parameters and salt, so they can be raised later.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** A hash of nothing anyone knows: verified against when the handle is unknown, so a miss costs as long as a hit. */
let decoy: Promise<string> | undefined;

/** Whether `password` matches `stored`; with no stored hash (unknown handle, no password) the same work is done and false returned. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    decoy ??= hash('decoy password that nobody has');
    await verify(await decoy, password);
    return false;
  }
  return verify(stored, password);
}
