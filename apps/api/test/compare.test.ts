import { ingestSaeAtlas, saveComparison, setSaeAtoms } from '@atlas/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atlasInput, decoderOf, SAE_ID, STORED_INDEXES } from './support/atlas-fixture.ts';
import { startTestServer, testDatabases, type TestServer } from './support/test-server.ts';

// The compare domain over stored comparison runs (the runs themselves are computed and stored in
// tests/integration/compare.test.ts): summaries with nulls, paged edges, the feature's matches, limits.
const OTHER_SAE = `${SAE_ID}-seed1`;
const FIGURES = [
  { name: 'meanBestAB', value: 0.8, description: 'mean best cosine A→B', null: { kind: 'rotation', draws: 1, mean: 0.3, sd: 0, max: 0.3 } },
  { name: 'assignedMean', value: 0.7, description: 'mean assigned cosine', null: { kind: 'shuffle', draws: 100, mean: 0.01, sd: 0.02, max: 0.06 }, pValue: 1 / 101 },
  { name: 'mutualShare', value: 0.5, description: 'mutual nearest neighbours ÷ the smaller width' },
];
// Edges by feature A (stored indexes only), best first within A.
const EDGES = [
  { featureA: 0, featureB: 0, score: 0.95, mutual: true, assigned: true },
  { featureA: 0, featureB: 3, score: 0.2, mutual: false, assigned: false },
  { featureA: 1, featureB: 1, score: 0.9, mutual: true, assigned: true },
  { featureA: 2, featureB: 6, score: 0.55, mutual: false, assigned: true },
  { featureA: 3, featureB: 2, score: -0.1, mutual: false, assigned: true },
];

describe.each(testDatabases)('comparisons over GraphQL (%s)', (database) => {
  let server: TestServer;
  let comparisonId: string;
  beforeAll(async () => {
    server = await startTestServer({ database });
    const input = atlasInput();
    await ingestSaeAtlas(server.db, { ...input, sae: { ...input.sae, id: OTHER_SAE }, checksum: 'sha256:api-test-2' });
    const runId = await saveComparison(server.db, {
      jobId: 'job-1', saeA: SAE_ID, saeB: OTHER_SAE, method: 'decoder-cosine',
      params: { assignment: 'jonker-volgenant', nullDraws: 100 }, figures: FIGURES, approximate: false, matches: EDGES,
    });
    comparisonId = String(runId);
  });
  afterAll(() => server?.close());

  it('compare(saeA, saeB, method): the summary with its nulls and p-values, a histogram, edges best first', async () => {
    const { compare } = await server.data(`query($a: ID!, $b: ID!) { compare(saeA: $a, saeB: $b, method: DECODER_COSINE) {
      id saeA { id } saeB { id } method approximate matchCount params { name value }
      figures { name value description null { kind draws mean sd max } pValue }
      scoreHistogram(bins: 4) { lower upper counts }
      matches(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { score mutual assigned featureA { id } featureB { id } } } }
    } }`, { a: SAE_ID, b: OTHER_SAE });
    expect(compare).toMatchObject({
      id: comparisonId, saeA: { id: SAE_ID }, saeB: { id: OTHER_SAE }, method: 'DECODER_COSINE', approximate: false, matchCount: 5,
      params: [{ name: 'assignment', value: 'jonker-volgenant' }, { name: 'nullDraws', value: '100' }],
    });
    expect(compare!.figures).toEqual(FIGURES.map((f) => ({ null: null, pValue: null, ...f })));
    // Assigned scores 0.95, 0.9, 0.55, -0.1 in 4 bins over [0, 1]; below 0 counts in the first.
    expect(compare!.scoreHistogram).toEqual({ lower: 0, upper: 1, counts: [1, 0, 1, 2] });
    expect(compare!.matches.totalCount).toBe(5);
    expect(compare!.matches.edges.map((edge) => edge.node)).toEqual([
      { score: expect.closeTo(0.95, 6), mutual: true, assigned: true, featureA: { id: `${SAE_ID}/0` }, featureB: { id: `${OTHER_SAE}/0` } },
      { score: expect.closeTo(0.9, 6), mutual: true, assigned: true, featureA: { id: `${SAE_ID}/1` }, featureB: { id: `${OTHER_SAE}/1` } },
    ]);
    const next = await server.data(`query($id: ID!, $after: String) { comparison(id: $id) { matches(first: 10, after: $after, assignedOnly: true) {
      totalCount pageInfo { hasNextPage hasPreviousPage } edges { node { score featureA { index } featureB { index } } } } } }`,
    { id: comparisonId, after: compare!.matches.pageInfo.endCursor });
    expect(next.comparison.matches).toEqual({
      totalCount: 4, pageInfo: { hasNextPage: false, hasPreviousPage: true },
      edges: [{ node: { score: expect.closeTo(0.55, 6), featureA: { index: 2 }, featureB: { index: 6 } } }, { node: { score: expect.closeTo(-0.1, 6), featureA: { index: 3 }, featureB: { index: 2 } } }],
    });
  });

  it('Feature.matches: the same feature elsewhere, from either side, with its comparison', async () => {
    const { feature } = await server.data(`query($id: ID!) { feature(id: $id) { matches(first: 5) { totalCount edges { node {
      score comparison { id method } featureA { id } featureB { id label { text } } } } } } }`, { id: `${OTHER_SAE}/3` });
    expect(feature.matches).toEqual({
      totalCount: 1,
      edges: [{ node: { score: expect.closeTo(0.2, 6), comparison: { id: comparisonId, method: 'DECODER_COSINE' }, featureA: { id: `${SAE_ID}/0` }, featureB: { id: `${OTHER_SAE}/3`, label: null } } }],
    });
    const none = await server.data(`query($id: ID!) { feature(id: $id) { matches(method: AIP) { totalCount edges { cursor } } } }`, { id: `${SAE_ID}/0` });
    expect(none.feature.matches).toEqual({ totalCount: 0, edges: [] });
  });

  it('Sae.atoms: R², coherence, AIP and the uniqueness share q* where the build stored them', async () => {
    await setSaeAtoms(server.db, SAE_ID, { r2: 0.75, coherence: 0.5, aip: 0.875, uniqueShare: 0.25, maxUniqueSupport: 1 });
    const { saes } = await server.data(`{ saes { id atoms { r2 coherence aip uniqueShare maxUniqueSupport } } }`);
    expect(saes).toEqual([
      { id: SAE_ID, atoms: { r2: 0.75, coherence: 0.5, aip: 0.875, uniqueShare: 0.25, maxUniqueSupport: 1 } },
      { id: OTHER_SAE, atoms: null },
    ]);
  });

  it('lists comparisons, answers null for a pair never compared, NOT_FOUND for unknown ids', async () => {
    const listed = await server.data(`query($sae: ID) { comparisons(saeId: $sae) { id } }`, { sae: OTHER_SAE });
    expect(listed.comparisons).toEqual([{ id: comparisonId }]);
    const never = await server.data(`query($a: ID!) { compare(saeA: $a, saeB: $a, method: ACTIVATION_CORRELATION) { id } }`, { a: SAE_ID });
    expect(never.compare).toBeNull();
    const unknown = await server.gql(`{ compare(saeA: "no/such", saeB: "x", method: AIP) { id } }`);
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' }, message: expect.stringMatching(/No SAE with id "no\/such"/) });
    const missing = await server.gql(`{ comparison(id: "999999") { id } }`);
    expect(missing.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });

  it('bounds pages, cursors and bins (BAD_USER_INPUT) and the cost of nested pages (QUERY_TOO_COSTLY)', async () => {
    const cases = [
      [`{ comparison(id: "${comparisonId}") { matches(first: 101) { totalCount } } }`, /first must be between 1 and 100/],
      [`{ comparison(id: "${comparisonId}") { matches(after: "bm90LWEtY3Vyc29y") { totalCount } } }`, /not a match cursor from this API/],
      [`{ comparison(id: "${comparisonId}") { scoreHistogram(bins: 1) { counts } } }`, /bins must be between 2 and 100/],
      [`{ comparisons(first: 0) { id } }`, /first must be between 1 and 100/],
    ] as const;
    for (const [query, message] of cases) {
      const { errors } = await server.gql(query);
      expect(errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(message) });
    }
    const costly = await server.gql(`{ comparisons(first: 100) { matches(first: 100) { edges { node { featureA { topActivations { tokens } } } } } } }`);
    expect(costly.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COSTLY' } });
  });

  it('stores only features that exist (a run from other weights is refused, nothing written)', async () => {
    await expect(saveComparison(server.db, {
      jobId: 'job-2', saeA: SAE_ID, saeB: OTHER_SAE, method: 'aip', params: {}, figures: [], approximate: false,
      matches: [{ featureA: 5, featureB: 0, score: 1, mutual: true, assigned: true }],
    })).rejects.toThrow(/has no feature 5/);
    expect(STORED_INDEXES).not.toContain(5);
    const { compare } = await server.data(`query($a: ID!, $b: ID!) { compare(saeA: $a, saeB: $b, method: AIP) { id } }`, { a: SAE_ID, b: OTHER_SAE });
    expect(compare).toBeNull();
  });

  it('Feature.family: parents and children from the latest families run of each pair, with cosine and containment', async () => {
    const family = (id: string) => server.data(`query($id: ID!) { feature(id: $id) { family {
      parents { feature { id } cosine containment coFiring comparison { method } }
      children { feature { id } cosine containment coFiring comparison { method } } } } }`, { id }).then((data) => data.feature.family);
    // Parent = feature A (the narrower SAE), child = feature B; score = cosine. Stored with its extra columns.
    const first = await saveComparison(server.db, {
      jobId: 'families-1', saeA: SAE_ID, saeB: OTHER_SAE, method: 'families', params: { minCosine: 0.5 }, figures: [], approximate: false,
      matches: [
        { featureA: 0, featureB: 0, score: 0.9, mutual: false, assigned: true, containment: 0.8, coFiring: 12 },
        { featureA: 0, featureB: 3, score: 0.6, mutual: false, assigned: true, containment: 0.55, coFiring: 5 },
        { featureA: 1, featureB: 1, score: 0.7, mutual: false, assigned: true, containment: 0.9, coFiring: 3 },
      ],
    });
    expect(await family(`${SAE_ID}/0`)).toEqual({
      parents: [],
      children: [
        { feature: { id: `${OTHER_SAE}/0` }, cosine: expect.closeTo(0.9, 6), containment: expect.closeTo(0.8, 6), coFiring: 12, comparison: { method: 'FAMILIES' } },
        { feature: { id: `${OTHER_SAE}/3` }, cosine: expect.closeTo(0.6, 6), containment: expect.closeTo(0.55, 6), coFiring: 5, comparison: { method: 'FAMILIES' } },
      ],
    });
    expect(await family(`${OTHER_SAE}/3`)).toEqual({
      parents: [{ feature: { id: `${SAE_ID}/0` }, cosine: expect.closeTo(0.6, 6), containment: expect.closeTo(0.55, 6), coFiring: 5, comparison: { method: 'FAMILIES' } }],
      children: [],
    });
    expect(await family(`${SAE_ID}/2`)).toBeNull();
    // Other methods' edges carry no containment; families edges do, on the comparison's pages too.
    const { compare } = await server.data(`query($a: ID!, $b: ID!) { compare(saeA: $a, saeB: $b, method: FAMILIES) { id matches(first: 1) { edges { node { score containment } } } } }`, { a: SAE_ID, b: OTHER_SAE });
    expect(compare).toEqual({ id: String(first), matches: { edges: [{ node: { score: expect.closeTo(0.9, 6), containment: expect.closeTo(0.8, 6) } }] } });
    const cosine = await server.data(`query($id: ID!) { comparison(id: $id) { matches(first: 1) { edges { node { containment } } } } }`, { id: comparisonId });
    expect(cosine.comparison.matches.edges).toEqual([{ node: { containment: null } }]);
    // A rerun of the pair replaces the older run's tree (both stay stored; the latest is read).
    await saveComparison(server.db, {
      jobId: 'families-2', saeA: SAE_ID, saeB: OTHER_SAE, method: 'families', params: { minCosine: 0.5 }, figures: [], approximate: false,
      matches: [{ featureA: 0, featureB: 0, score: 0.85, mutual: false, assigned: true, containment: 0.75, coFiring: 11 }],
    });
    expect(await family(`${OTHER_SAE}/3`)).toBeNull();
    expect((await family(`${SAE_ID}/0`))?.children).toEqual([expect.objectContaining({ feature: { id: `${OTHER_SAE}/0` }, cosine: expect.closeTo(0.85, 6), coFiring: 11 })]);
  });
});

describe('startComparison: a comparison as a job from GraphQL (pglite)', () => {
  const FULL_A = 'demo-lm/blocks.2.hook_resid_post/full-a';
  const FULL_B = 'demo-lm/blocks.2.hook_resid_post/full-b';
  const OTHER_MODEL = 'tiny-lm/blocks.0.hook_resid_post/full';
  let server: TestServer;
  let queuedOnly: TestServer;

  /** An SAE of width 8 with every feature stored (decoder of feature i: one-hot at i). */
  async function seedFullSae(db: TestServer['db'], id: string, modelId = 'demo-lm'): Promise<void> {
    const input = atlasInput();
    const template = input.features[0]!;
    const features = Array.from({ length: 8 }, (_, index) => ({ ...template, index, decoder: Float32Array.from(decoderOf(index)) }));
    await ingestSaeAtlas(db, { ...input, sae: { ...input.sae, id, modelId, width: 8 }, checksum: `sha256:${id}`, features });
  }

  beforeAll(async () => {
    server = await startTestServer({ jobs: { workers: 1, maxActiveJobs: 4 } });
    queuedOnly = await startTestServer({ jobs: { workers: 0, maxActiveJobs: 4 } });
    for (const target of [server, queuedOnly]) {
      await seedFullSae(target.db, FULL_A);
      await seedFullSae(target.db, FULL_B);
      await seedFullSae(target.db, OTHER_MODEL, 'tiny-lm');
    }
  });
  afterAll(async () => {
    await server?.close();
    await queuedOnly?.close();
  });

  it('queues the compare job, which stores the comparison the compare query then finds', async () => {
    const { startComparison } = await server.data<{ startComparison: { id: string; kind: string } }>(
      `mutation($a: ID!, $b: ID!) { startComparison(saeA: $a, saeB: $b, method: DECODER_COSINE) { id kind state } }`, { a: FULL_A, b: FULL_B });
    expect(startComparison.kind).toBe('compare');
    let state = '';
    for (let poll = 0; poll < 6000 && !['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(state); poll += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = (await server.data<{ job: { state: string } }>(`query($id: ID!) { job(id: $id) { state } }`, { id: startComparison.id })).job.state;
    }
    expect(state).toBe('SUCCEEDED');
    const { compare } = await server.data(`query($a: ID!, $b: ID!) { compare(saeA: $a, saeB: $b, method: DECODER_COSINE) {
      job { id state } matchCount figures { name value } matches(first: 8, assignedOnly: true) { edges { node { score featureA { index } featureB { index } } } } } }`, { a: FULL_A, b: FULL_B });
    expect(compare!.job).toEqual({ id: startComparison.id, state: 'SUCCEEDED' });
    expect(compare!.figures.find((f) => f.name === 'mutualShare')?.value).toBeCloseTo(1, 6);
    for (const { node } of compare!.matches.edges) {
      expect(node.featureB.index).toBe(node.featureA.index);
      expect(node.score).toBeCloseTo(1, 3);
    }
  });

  it('refuses before queueing: unknown ids, decoder cosine across models, bad tokens; CONFLICT for a second start', async () => {
    const start = (a: string, b: string, method: string, extra = '') =>
      queuedOnly.gql(`mutation { startComparison(saeA: "${a}", saeB: "${b}", method: ${method}${extra}) { id state } }`);
    const unknown = await start('no/such/sae', FULL_B, 'DECODER_COSINE');
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' }, message: expect.stringMatching(/no\/such\/sae/) });
    const across = await start(FULL_A, OTHER_MODEL, 'AIP');
    expect(across.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/different spaces.*activation-correlation/) });
    const familiesAcross = await start(FULL_A, OTHER_MODEL, 'FAMILIES');
    expect(familiesAcross.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/Feature families need two SAEs on the same model and hook/) });
    const familiesSameWidth = await start(FULL_A, FULL_B, 'FAMILIES');
    expect(familiesSameWidth.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/SAE A narrower than SAE B.*has 8 features.*has 8\. Equal widths/) });
    const tokens = await start(FULL_A, FULL_B, 'ACTIVATION_CORRELATION', ', tokens: 10');
    expect(tokens.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/tokens/) });
    const first = await start(FULL_A, FULL_B, 'DECODER_COSINE');
    expect(first.errors).toBeUndefined();
    const second = await start(FULL_A, FULL_B, 'DECODER_COSINE');
    expect(second.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
  });
});
