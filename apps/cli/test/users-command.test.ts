import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createUser, getUserCredentials, openDatabase } from '@atlas/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAtlas } from './support/run-atlas.ts';

let dir: string;
/** The CLI on this test's own data folder (its embedded database lives there). */
const atlas = (...args: string[]) => runAtlas(args, { env: { ...process.env, ATLAS_DATA_DIR: dir, DATABASE_URL: '' }, cwd: dir });
async function roleOf(handle: string) {
  const db = await openDatabase({ dataDir: path.join(dir, 'pgdata') });
  try {
    return (await getUserCredentials(db, handle))?.role;
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'atlas-users-'));
  const db = await openDatabase({ dataDir: path.join(dir, 'pgdata') });
  await createUser(db, { handle: 'ada', displayName: 'Ada' });
  await db.close();
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** `atlas users grant`: the first admin of a fresh atlas, made on the database directly. */
describe('atlas users grant', () => {
  it('gives an account a role by handle', async () => {
    const run = await atlas('users', 'grant', '--handle', 'Ada', '--role', 'admin');
    expect(run.stderr).toBe('');
    expect(run).toMatchObject({ code: 0, stdout: 'ada is now admin.\n' });
    expect(await roleOf('ada')).toBe('admin');
  });

  it('refuses an unknown handle and an unknown role, changing nothing', async () => {
    const unknown = await atlas('users', 'grant', '--handle', 'nobody', '--role', 'curator');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No account has the handle "nobody".*\[NOT_FOUND\]/);
    const badRole = await atlas('users', 'grant', '--handle', 'ada', '--role', 'owner');
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/owner is not supported; supported: member, curator, admin/);
    expect(await roleOf('ada')).toBe('admin');
  });
});
