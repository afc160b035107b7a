import { setUserRole, sqlExecutor } from '@atlas/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialClient } from './support/credential-client.ts';
import { startTestServer, testDatabases, type TestServer } from './support/test-server.ts';


/**
 * Roles granted over the API (admins only) and the sweep of expired sessions on sign-in, over
 * real HTTP with credentials in `authorization: Bearer …`.
 */
describe.each(testDatabases)('user roles and session housekeeping (%s)', (database) => {
  let server: TestServer;
  let admin: string;
  let member: string;
  let curator: string;
  let adminReadKey: string;

  const { gql, data, codeOf } = credentialClient(() => server.url);
  const SIGN_UP = 'mutation($h: String!, $p: String!) { signUp(handle: $h, password: $p) { token user { id } } }';
  const SIGN_IN = 'mutation($h: String!, $p: String!) { signIn(handle: $h, password: $p) { token } }';
  const SET_ROLE = 'mutation($h: String!, $r: UserRole!) { setUserRole(handle: $h, role: $r) { handle role } }';
  const sessionsOf = async (userId: string) => (await sqlExecutor(server.db).executeSql(
    'select id, expires_at < now() as expired from sessions where user_id = $1 order by created_at', [Number(userId)],
  )).rows as { id: string; expired: boolean }[];

  beforeAll(async () => {
    server = await startTestServer({ database });
    const root = (await data(SIGN_UP, { h: 'root', p: 'the first admin here' })).signUp;
    // What `atlas users grant --handle root --role admin` does on a fresh atlas.
    await setUserRole(server.db, Number(root.user.id), 'admin');
    admin = root.token;
    member = (await data(SIGN_UP, { h: 'dana', p: 'a member password' })).signUp.token;
    curator = (await data(SIGN_UP, { h: 'cleo', p: 'a curator password' })).signUp.token;
    adminReadKey = (await data('mutation { createApiKey(name: "read", scope: READ) { key } }', {}, admin)).createApiKey.key;
  }, 120_000);
  afterAll(() => server?.close());

  it('lets an admin grant a role by handle; the grantee has it on their next request', async () => {
    expect((await data(SET_ROLE, { h: 'Cleo', r: 'CURATOR' }, admin)).setUserRole).toEqual({ handle: 'cleo', role: 'CURATOR' });
    expect((await data('{ viewer { user { role } } }', {}, curator)).viewer.user.role).toBe('CURATOR');
    expect((await data(SET_ROLE, { h: 'cleo', r: 'ADMIN' }, admin)).setUserRole.role).toBe('ADMIN');
    expect((await data(SET_ROLE, { h: 'cleo', r: 'MEMBER' }, admin)).setUserRole.role).toBe('MEMBER');
  });

  it('refuses members, curators, READ keys and anonymous callers', async () => {
    const byMember = await gql(SET_ROLE, { h: 'dana', r: 'ADMIN' }, member);
    expect(codeOf(byMember)).toBe('FORBIDDEN');
    expect(byMember.errors?.[0]?.message).toMatch(/for admins/);
    await data(SET_ROLE, { h: 'cleo', r: 'CURATOR' }, admin);
    expect(codeOf(await gql(SET_ROLE, { h: 'dana', r: 'CURATOR' }, curator))).toBe('FORBIDDEN');
    expect(codeOf(await gql(SET_ROLE, { h: 'dana', r: 'CURATOR' }, adminReadKey))).toBe('FORBIDDEN');
    expect(codeOf(await gql(SET_ROLE, { h: 'dana', r: 'CURATOR' }))).toBe('UNAUTHENTICATED');
    expect((await data('{ viewer { user { role } } }', {}, member)).viewer.user.role).toBe('MEMBER');
  });

  it('says BAD_USER_INPUT for an unknown role or a malformed handle, NOT_FOUND for an unknown handle', async () => {
    const unknownRole = await gql(SET_ROLE, { h: 'dana', r: 'OWNER' }, admin);
    expect(codeOf(unknownRole)).toBe('BAD_USER_INPUT');
    expect(unknownRole.errors?.[0]?.message).toMatch(/OWNER/);
    expect(codeOf(await gql(SET_ROLE, { h: 'no such handle!', r: 'CURATOR' }, admin))).toBe('BAD_USER_INPUT');
    const unknown = await gql(SET_ROLE, { h: 'nobody', r: 'CURATOR' }, admin);
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    expect(unknown.errors?.[0]?.message).toMatch(/"nobody"/);
  });

  it('sweeps expired sessions on sign-in, and only those', async () => {
    const id = (await data('{ viewer { user { id } } }', {}, member)).viewer.user.id as string;
    await data(SIGN_IN, { h: 'dana', p: 'a member password' });
    await data(SIGN_IN, { h: 'dana', p: 'a member password' });
    const before = await sessionsOf(id);
    expect(before).toHaveLength(3);
    // Two of dana's three sessions run out; a sign-in by another user sweeps them and leaves the live one.
    await sqlExecutor(server.db).executeSql(
      `update sessions set expires_at = now() - interval '1 hour' where id = any($1)`,
      [[before[1]!.id, before[2]!.id]],
    );
    await data(SIGN_IN, { h: 'root', p: 'the first admin here' });
    const after = await sessionsOf(id);
    expect(after).toEqual([{ id: before[0]!.id, expired: false }]);
    expect((await data('{ viewer { user { handle } } }', {}, member)).viewer.user.handle).toBe('dana');
  });
});
