import { ingestSaeAtlas, setUserRole, tableSizes, type AtlasDb } from '@atlas/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atlasInput, SAE_ID } from './support/atlas-fixture.ts';
import { credentialClient } from './support/credential-client.ts';
import { startTestServer, testDatabases, type TestServer } from './support/test-server.ts';

/** Rows in one table (0 when empty). */
async function rowCount(db: AtlasDb, table: string): Promise<number> {
  return (await tableSizes(db)).find((size) => size.table === table)?.rows ?? 0;
}


/**
 * The contributions domain over real HTTP: accounts and sessions, API keys, and who may write
 * what. Credentials go in `authorization: Bearer <credential>`, as a script would send them.
 */
describe.each(testDatabases)('contributions (%s)', (database) => {
  let server: TestServer;
  const FEATURE = `${SAE_ID}/2`;

  const { gql, data, codeOf } = credentialClient(() => server.url);

  const SIGN_UP = 'mutation($h: String!, $p: String!) { signUp(handle: $h, password: $p) { token expiresAt user { id handle role } } }';
  const SIGN_IN = 'mutation($h: String!, $p: String!) { signIn(handle: $h, password: $p) { token user { handle } } }';
  const CREATE_KEY = 'mutation($n: String!, $s: ApiKeyScope) { createApiKey(name: $n, scope: $s) { key apiKey { id name prefix scope revokedAt } } }';
  const PROPOSE = 'mutation($f: ID!, $t: String!, $tags: [String!]) { proposeLabel(featureId: $f, text: $t, tags: $tags) { id text tags version featureId source reviewState createdBy { handle } } }';
  const REVISE = 'mutation($l: ID!, $t: String!) { reviseLabel(labelId: $l, text: $t) { id text version reviewState } }';
  const VOTE = 'mutation($l: ID!, $v: VoteValue!) { voteLabel(labelId: $l, vote: $v) { upvotes downvotes score myVote } }';

  let alice: string; // session token
  let bob: string;
  let aliceWriteKey: string;
  let bobWriteKey: string;
  let bobReadKey: string;
  let curator: string;

  beforeAll(async () => {
    server = await startTestServer({ database });
    alice = (await data(SIGN_UP, { h: 'alice', p: 'correct horse battery' })).signUp.token;
    bob = (await data(SIGN_UP, { h: 'bob', p: 'another long password' })).signUp.token;
    aliceWriteKey = (await data(CREATE_KEY, { n: 'script', s: 'WRITE' }, alice)).createApiKey.key;
    bobWriteKey = (await data(CREATE_KEY, { n: 'script', s: 'WRITE' }, bob)).createApiKey.key;
    bobReadKey = (await data(CREATE_KEY, { n: 'reader' }, bob)).createApiKey.key;
    // Roles are given by an admin in the database (no API grants them).
    const carol = (await data(SIGN_UP, { h: 'carol', p: 'curating all day long' })).signUp;
    await setUserRole(server.db, Number(carol.user.id), 'curator');
    curator = carol.token;
  }, 120_000);
  afterAll(() => server?.close());

  it('signs up, signs in and out; the session token is the credential', async () => {
    const viewer = await data('{ viewer { credential scopes user { handle displayName role } } }', {}, alice);
    expect(viewer.viewer).toEqual({ credential: 'SESSION', scopes: ['READ', 'WRITE'], user: { handle: 'alice', displayName: 'alice', role: 'MEMBER' } });
    expect((await data('{ viewer { credential } }')).viewer).toBeNull();

    const wrong = await gql(SIGN_IN, { h: 'alice', p: 'not the password' });
    expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
    expect(wrong.errors?.[0]?.message).toMatch(/handle or the password is wrong/);
    expect(codeOf(await gql(SIGN_IN, { h: 'nobody', p: 'not the password' }))).toBe('UNAUTHENTICATED');
    const session = (await data(SIGN_IN, { h: 'Alice', p: 'correct horse battery' })).signIn;
    expect(session.user.handle).toBe('alice');

    expect(await data('mutation { signOut }', {}, session.token)).toEqual({ signOut: true });
    const after = await gql('{ viewer { user { handle } } }', {}, session.token);
    expect(after.status).toBe(401);
    expect(codeOf(after)).toBe('UNAUTHENTICATED');
    expect(after.errors?.[0]?.message).toMatch(/Sign in again/);
    // The other session of the same user still works.
    expect((await data('{ viewer { user { handle } } }', {}, alice)).viewer.user.handle).toBe('alice');
  });

  it('refuses bad sign-ups with a code that says what to fix', async () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ h: 'alice', p: 'long enough password' }, 'CONFLICT', /taken/],
      [{ h: 'ab', p: 'long enough password' }, 'BAD_USER_INPUT', /3\.\.32 characters/],
      [{ h: 'bad handle!', p: 'long enough password' }, 'BAD_USER_INPUT', /lowercase letters/],
      [{ h: 'dave', p: 'short' }, 'BAD_USER_INPUT', /at least 10/],
      [{ h: 'dave', p: 'x'.repeat(300) }, 'BAD_USER_INPUT', /longer than 256/],
    ];
    for (const [variables, code, message] of cases) {
      const answer = await gql(SIGN_UP, variables);
      expect(codeOf(answer), JSON.stringify(variables)).toBe(code);
      expect(answer.errors?.[0]?.message).toMatch(message);
    }
    // Password guessing is limited per handle (10 a minute), whatever the address.
    const guesses = await Promise.all(Array.from({ length: 11 }, () => gql(SIGN_IN, { h: 'bob', p: 'a wrong guess here' })));
    expect(guesses.map(codeOf).filter((code) => code === 'RATE_LIMITED')).toHaveLength(1);
    expect(guesses.find((answer) => codeOf(answer) === 'RATE_LIMITED')?.errors?.[0]?.message).toMatch(/sign-in attempts per minute for one handle/);
    const malformed = await gql('{ viewer { user { handle } } }', {}, 'not a token at all');
    expect([malformed.status, codeOf(malformed)]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('shows an API key once, stores it hashed, and refuses it once revoked', async () => {
    const created = (await data(CREATE_KEY, { n: 'laptop', s: 'WRITE' }, alice)).createApiKey;
    expect(created.key).toMatch(/^atlas_[A-Za-z0-9_-]{32}$/);
    expect(created.apiKey).toMatchObject({ name: 'laptop', scope: 'WRITE', revokedAt: null, prefix: created.key.slice(0, 12) });
    expect((await data('{ viewer { credential scopes } }', {}, created.key)).viewer).toEqual({ credential: 'API_KEY', scopes: ['READ', 'WRITE'] });
    const listed = (await data('{ myApiKeys { id name prefix } }', {}, alice)).myApiKeys;
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(listed.map((key: { id: string }) => key.id)).toContain(created.apiKey.id);

    // A key cannot make keys; another user cannot revoke it.
    expect(codeOf(await gql(CREATE_KEY, { n: 'more' }, created.key))).toBe('FORBIDDEN');
    const REVOKE = 'mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }';
    expect(codeOf(await gql(REVOKE, { id: created.apiKey.id }, bob))).toBe('NOT_FOUND');
    expect((await data('{ viewer { credential } }', {}, created.key)).viewer.credential).toBe('API_KEY');

    const revoked = (await data(REVOKE, { id: created.apiKey.id }, alice)).revokeApiKey;
    expect(revoked.revokedAt).not.toBeNull();
    const refused = await gql(PROPOSE, { f: FEATURE, t: 'written with a revoked key' }, created.key);
    expect([refused.status, codeOf(refused)]).toEqual([401, 'UNAUTHENTICATED']);
    expect(refused.errors?.[0]?.message).toMatch(/revoked/);
    expect(refused.data ?? null).toBeNull();
  });

  it('lets only the right viewers write: anonymous, READ keys and other users are refused, and nothing is written', async () => {
    const before = await rowCount(server.db, 'label_versions');
    const anonymous = await gql(PROPOSE, { f: FEATURE, t: 'anonymous label' });
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    expect(anonymous.errors?.[0]?.message).toMatch(/sign in|API key/);
    const readOnly = await gql(PROPOSE, { f: FEATURE, t: 'read key label' }, bobReadKey);
    expect(codeOf(readOnly)).toBe('FORBIDDEN');
    expect(readOnly.errors?.[0]?.message).toMatch(/READ-only/);
    expect(codeOf(await gql(VOTE, { l: '1', v: 'UP' }, bobReadKey))).toBe('FORBIDDEN');

    const proposed = (await data(PROPOSE, { f: FEATURE, t: '  cats on mats  ', tags: ['Animals', 'animals'] }, aliceWriteKey)).proposeLabel;
    expect(proposed).toMatchObject({ text: 'cats on mats', tags: ['animals'], version: 1, featureId: FEATURE, source: 'HUMAN', reviewState: 'PROPOSED', createdBy: { handle: 'alice' } });

    // Bob (his key or his session) cannot edit Alice's label; he may vote on it.
    for (const credential of [bobWriteKey, bob]) {
      const edit = await gql(REVISE, { l: proposed.id, t: 'dogs' }, credential);
      expect(codeOf(edit)).toBe('FORBIDDEN');
      expect(edit.errors?.[0]?.message).toMatch(/another contributor's/);
    }
    expect(codeOf(await gql('mutation($l: ID!) { reviewLabel(labelId: $l, state: ACCEPTED) { id } }', { l: proposed.id }, bobWriteKey))).toBe('FORBIDDEN');
    expect(codeOf(await gql('mutation($l: ID!) { hideLabel(labelId: $l, reason: "spam") { id } }', { l: proposed.id }, bob))).toBe('FORBIDDEN');
    expect(await rowCount(server.db, 'label_versions')).toBe(before + 1);

    const revised = (await data(REVISE, { l: proposed.id, t: 'cats sitting on mats' }, alice)).reviseLabel;
    expect(revised).toMatchObject({ text: 'cats sitting on mats', version: 2 });
  });

  it('keeps one vote per user per label; curators review and hide; the accepted label shows on the feature', async () => {
    const label = (await data(PROPOSE, { f: `${SAE_ID}/3`, t: 'quotation marks' }, bob)).proposeLabel;
    expect((await data(VOTE, { l: label.id, v: 'UP' }, alice)).voteLabel).toEqual({ upvotes: 1, downvotes: 0, score: 1, myVote: 1 });
    expect((await data(VOTE, { l: label.id, v: 'DOWN' }, aliceWriteKey)).voteLabel).toEqual({ upvotes: 0, downvotes: 1, score: -1, myVote: -1 });
    expect((await data(VOTE, { l: label.id, v: 'UP' }, bob)).voteLabel).toEqual({ upvotes: 1, downvotes: 1, score: 0, myVote: 1 });
    expect((await data(VOTE, { l: label.id, v: 'NONE' }, alice)).voteLabel).toMatchObject({ upvotes: 1, downvotes: 0, myVote: null });

    expect(codeOf(await gql('{ reviewQueue { edges { node { id } } } }', {}, bob))).toBe('FORBIDDEN');
    const queue = (await data('query($s: ID) { reviewQueue(saeId: $s, first: 100) { edges { node { id text } } } }', { s: SAE_ID }, curator)).reviewQueue;
    expect(queue.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(label.id);

    const FEATURE_LABEL = 'query($id: ID!) { feature(id: $id) { label { text } labels { id reviewState hidden } } }';
    const accepted = (await data('mutation($l: ID!) { reviewLabel(labelId: $l, state: ACCEPTED, note: "matches the examples") { reviewState reviewNote reviewedBy { handle } } }', { l: label.id }, curator)).reviewLabel;
    expect(accepted).toEqual({ reviewState: 'ACCEPTED', reviewNote: 'matches the examples', reviewedBy: { handle: 'carol' } });
    expect((await data(FEATURE_LABEL, { id: `${SAE_ID}/3` })).feature.label.text).toBe('quotation marks');

    // A revision by its author sends it back to the queue; hiding keeps it (and its history) out of view.
    expect((await data(REVISE, { l: label.id, t: 'quotes and quotation marks' }, bob)).reviseLabel.reviewState).toBe('PROPOSED');
    const hidden = (await data('mutation($l: ID!) { hideLabel(labelId: $l, reason: "test of moderation") { hidden hiddenReason hiddenBy { handle } } }', { l: label.id }, curator)).hideLabel;
    expect(hidden).toEqual({ hidden: true, hiddenReason: 'test of moderation', hiddenBy: { handle: 'carol' } });
    const afterHide = (await data(FEATURE_LABEL, { id: `${SAE_ID}/3` })).feature;
    expect(afterHide.labels.map((l: { id: string }) => l.id)).not.toContain(label.id);
    expect(afterHide.label?.text).not.toBe('quotes and quotation marks');
    expect((await data('query($l: ID!) { label(id: $l) { id } }', { l: label.id }, alice)).label).toBeNull();
    expect((await data('query($l: ID!) { label(id: $l) { id hidden } }', { l: label.id }, bob)).label).toEqual({ id: label.id, hidden: true });
    expect(codeOf(await gql(VOTE, { l: label.id, v: 'UP' }, alice))).toBe('NOT_FOUND');
    const history = (await data('query($l: ID!) { labelHistory(labelId: $l, first: 1) { edges { node { version text author { handle } } } pageInfo { hasNextPage endCursor } } }', { l: label.id }, curator)).labelHistory;
    expect(history.edges).toEqual([{ node: { version: 2, text: 'quotes and quotation marks', author: { handle: 'bob' } } }]);
    const rest = (await data('query($l: ID!, $a: String) { labelHistory(labelId: $l, after: $a) { edges { node { version text } } pageInfo { hasNextPage } } }', { l: label.id, a: history.pageInfo.endCursor }, curator)).labelHistory;
    expect(rest).toEqual({ edges: [{ node: { version: 1, text: 'quotation marks' } }], pageInfo: { hasNextPage: false } });

    const mine = (await data('{ myContributions { edges { node { id hidden } } } }', {}, bobWriteKey)).myContributions;
    expect(mine.edges).toContainEqual({ node: { id: label.id, hidden: true } });
    expect(codeOf(await gql('{ myContributions { edges { node { id } } } }'))).toBe('UNAUTHENTICATED');
  });

  it('validates label arguments and ids', async () => {
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      [PROPOSE, { f: FEATURE, t: 'x'.repeat(501) }, 'BAD_USER_INPUT', /501 characters long; the limit is 500/],
      [PROPOSE, { f: FEATURE, t: '   ' }, 'BAD_USER_INPUT', /empty/],
      [PROPOSE, { f: FEATURE, t: 'a\u0007b' }, 'BAD_USER_INPUT', /control characters/],
      [PROPOSE, { f: FEATURE, t: 'a\u0000b' }, 'BAD_USER_INPUT', /NUL character/],
      [PROPOSE, { f: FEATURE, t: 'ok', tags: ['has space'] }, 'BAD_USER_INPUT', /tag "has space"/],
      [PROPOSE, { f: FEATURE, t: 'ok', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'BAD_USER_INPUT', /11 tags/],
      [PROPOSE, { f: `${SAE_ID}/5`, t: 'ok' }, 'NOT_FOUND', /none is stored at index 5/],
      [PROPOSE, { f: 'no/such/sae/1', t: 'ok' }, 'NOT_FOUND', /No feature/],
      [REVISE, { l: '999999', t: 'ok' }, 'NOT_FOUND', /No label with id 999999/],
      [REVISE, { l: 'abc', t: 'ok' }, 'NOT_FOUND', /positive integers/],
      [VOTE, { l: '-1', v: 'UP' }, 'NOT_FOUND', /positive integers/],
    ];
    for (const [query, variables, code, message] of cases) {
      const answer = await gql(query, variables, aliceWriteKey);
      expect(codeOf(answer), JSON.stringify(variables).slice(0, 80)).toBe(code);
      expect(answer.errors?.[0]?.message).toMatch(message);
    }
  });

  it('stores XSS and SQL-injection strings verbatim, and they do nothing', async () => {
    const payloads = [
      '<script>alert(document.cookie)</script>',
      '<img src=x onerror="alert(1)"> & "quotes" \'single\'',
      "'; DROP TABLE labels; --",
      "Robert'); DELETE FROM users WHERE ('1'='1",
      '$1 \\x00 %s {{constructor}} ${process.exit()}',
    ];
    const users = await rowCount(server.db, 'users');
    for (const text of payloads) {
      const proposed = (await data(PROPOSE, { f: `${SAE_ID}/4`, t: text, tags: ['x-1'] }, aliceWriteKey)).proposeLabel;
      expect(proposed.text).toBe(text);
      const read = (await data('query($l: ID!) { label(id: $l) { text history { edges { node { text } } } } }', { l: proposed.id })).label;
      expect(read).toEqual({ text, history: { edges: [{ node: { text } }] } });
    }
    const labels = (await data('query($id: ID!) { feature(id: $id) { labels { text } } }', { id: `${SAE_ID}/4` })).feature.labels;
    expect(labels.map((l: { text: string }) => l.text).sort()).toEqual([...payloads].sort());
    expect(await rowCount(server.db, 'users')).toBe(users);
  });

  it('keeps human labels, versions, votes and review through a rebuild of the SAE', async () => {
    const label = (await data(PROPOSE, { f: `${SAE_ID}/6`, t: 'survives rebuilds' }, alice)).proposeLabel;
    await data(REVISE, { l: label.id, t: 'survives rebuilds, v2' }, alice);
    await data(VOTE, { l: label.id, v: 'UP' }, bob);
    await data('mutation($l: ID!) { reviewLabel(labelId: $l, state: ACCEPTED) { id } }', { l: label.id }, curator);
    const QUERY = 'query($id: ID!) { feature(id: $id) { label { text } labels { id text version upvotes reviewState history { edges { node { version } } } } } }';
    const before = (await data(QUERY, { id: `${SAE_ID}/6` })).feature;

    // A rebuild with another checksum deletes the SAE's rows and inserts them again (new feature ids).
    const result = await ingestSaeAtlas(server.db, { ...atlasInput(), checksum: 'sha256:rebuilt-in-test' });
    expect(result.skipped).toBe(false);
    const after = (await data(QUERY, { id: `${SAE_ID}/6` })).feature;
    expect(after).toEqual(before);
    expect(after.label.text).toBe('survives rebuilds, v2');
    expect(after.labels[0]).toMatchObject({ id: label.id, version: 2, upvotes: 1, reviewState: 'ACCEPTED', history: { edges: [{ node: { version: 2 } }, { node: { version: 1 } }] } });
  });
});
