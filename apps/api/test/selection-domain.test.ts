import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { getSaeBuild, listJobs, openDatabase, type AtlasDb } from '@atlas/db';
import { demoModelDir } from '@atlas/demo-model';
import { loadLanguageModel } from '@atlas/model';
import { saveSaeLens } from '@atlas/sae';
import { CONGRESS, MODEL_ID, registerSae, SEA, trainSmallSae } from '@atlas/select/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.ts';

const HOOK = 'blocks.1.hook_resid_post';
const SAE_ID = `${MODEL_ID}/${HOOK}/topk-128`;
const TARGETS = ['The harpoon struck the whale and the boat was dragged across the waves.', 'The old sailor told of the ship lost at sea.'];

let dir: string;
let db: AtlasDb;
let server: TestServer;
const dataDirBefore = process.env.ATLAS_DATA_DIR;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'api-select-'));
  db = await openDatabase({ inMemory: true });
  const model = await loadLanguageModel(demoModelDir);
  try {
    const sae = await trainSmallSae(model, HOOK, [...SEA, ...CONGRESS], { width: 128, k: 8, steps: 150 });
    await registerSae(db, model, SAE_ID, HOOK, sae);
    // Where a build leaves the SAE it trained: the job finds the weights there by the build's checksum.
    process.env.ATLAS_DATA_DIR = dir;
    const build = (await getSaeBuild(db, SAE_ID))!;
    await saveSaeLens(path.join(dir, 'work', build.checksum.slice(0, 16), 'sae'), sae);
  } finally {
    model.dispose();
  }
  server = await startTestServer({ db, seed: false, jobs: { workers: 1 } });
}, 600_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
  if (dataDirBefore === undefined) delete process.env.ATLAS_DATA_DIR;
  else process.env.ATLAS_DATA_DIR = dataDirBefore;
  await rm(dir, { recursive: true, force: true });
});

const poolJsonl = [...SEA, ...CONGRESS].map((text, i) => JSON.stringify({ id: `s${i}`, text, kind: i < SEA.length ? 'sea' : 'congress' })).join('\n');
const codeOf = (result: { errors?: { extensions?: { code?: string } }[] }) => result.errors?.[0]?.extensions?.code;

describe('selection domain', () => {
  it('imports a pool; malformed lines by number; an upload over the limit names the CLI', async () => {
    const { importPool } = await server.data<{ importPool: { pool: { id: string; sampleCount: number; format: string }; imported: number } }>(
      'mutation($content: String!) { importPool(input: { id: "pool", format: JSONL, content: $content }) { pool { id sampleCount format } imported } }',
      { content: poolJsonl },
    );
    expect(importPool).toEqual({ pool: { id: 'pool', sampleCount: 16, format: 'TEXT' }, imported: 16 });

    const broken = await server.gql('mutation { importPool(input: { id: "broken", format: JSONL, content: "{\\"text\\": \\"a\\"}\\nnot json" }) { imported } }');
    expect(codeOf(broken)).toBe('BAD_USER_INPUT');
    expect(broken.errors?.[0]?.message).toMatch(/line 2 is not valid JSON/);
    const skipped = await server.data<{ importPool: { imported: number; skipped: { line: number }[] } }>(
      'mutation { importPool(input: { id: "broken", format: JSONL, skipMalformed: true, content: "{\\"text\\": \\"a\\"}\\nnot json" }) { imported skipped { line } } }',
    );
    expect(skipped.importPool).toEqual({ imported: 1, skipped: [{ line: 2 }] });

    const large = await server.gql('mutation($content: String!) { importPool(input: { id: "large", format: JSONL, content: $content }) { imported } }', {
      content: `${JSON.stringify({ text: 'x'.repeat(900_001) })}`,
    });
    expect(codeOf(large)).toBe('BAD_USER_INPUT');
    expect(large.errors?.[0]?.message).toMatch(/limit here is 900,000.*atlas import-pool/);
  }, 600_000);

  it('runs a MONA selection as a job and pages through its samples, driving features and JSONL', async () => {
    const { startSelection } = await server.data<{ startSelection: { id: string; kind: string; state: string } }>(
      'mutation($targets: [String!]) { startSelection(input: { poolId: "pool", saeId: "' + SAE_ID + '", method: MONA, count: 4, targets: $targets }) { id kind state } }',
      { targets: TARGETS },
    );
    expect(startSelection).toMatchObject({ kind: 'select-run', state: 'QUEUED' });
    let job: { state: string; progress: { unit: string | null } | null; error: { message: string } | null };
    for (;;) {
      job = (await server.data<{ job: typeof job }>('query($id: ID!) { job(id: $id) { state progress { unit } error { message } } }', { id: startSelection.id })).job;
      if (!['QUEUED', 'RUNNING'].includes(job.state)) break;
      await sleep(200);
    }
    expect(job.error).toBeNull();
    expect(job).toMatchObject({ state: 'SUCCEEDED', progress: { unit: 'items stored' } });

    type Item = { rank: number; score: number; sample: { externalId: string; metadata: string }; drivingFeatures: { index: number; contribution: number; feature: { id: string } | null }[] };
    type Page = { selectionOfJob: { id: string; status: string; method: string; selectedCount: number; job: { id: string }; items: { edges: { cursor: string; node: Item }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } };
    const query = `query($job: ID!, $after: String) { selectionOfJob(jobId: $job) { id status method selectedCount job { id }
      items(first: 2, after: $after) { edges { cursor node { rank score sample { externalId metadata } drivingFeatures { index contribution feature { id } } } } pageInfo { hasNextPage endCursor } } } }`;
    const first = (await server.data<Page>(query, { job: startSelection.id })).selectionOfJob;
    expect(first).toMatchObject({ status: 'COMPLETE', method: 'MONA', selectedCount: 4, job: { id: startSelection.id } });
    expect(first.items.edges.map((edge) => edge.node.rank)).toEqual([1, 2]);
    expect(first.items.pageInfo.hasNextPage).toBe(true);
    const second = (await server.data<Page>(query, { job: startSelection.id, after: first.items.pageInfo.endCursor })).selectionOfJob;
    expect(second.items.edges.map((edge) => edge.node.rank)).toEqual([3, 4]);
    expect(second.items.pageInfo.hasNextPage).toBe(false);
    const items = [...first.items.edges, ...second.items.edges].map((edge) => edge.node);
    expect(items.filter((item) => JSON.parse(item.sample.metadata).kind === 'sea').length).toBeGreaterThanOrEqual(3);
    for (const item of items) {
      expect(item.drivingFeatures.length).toBeGreaterThan(0);
      expect(item.drivingFeatures[0]!.feature?.id).toBe(`${SAE_ID}/${item.drivingFeatures[0]!.index}`);
    }

    const jsonl = await server.data<{ selection: { jsonl: { text: string; lines: number; hasNextPage: boolean; endCursor: string } } }>(
      'query($id: ID!) { selection(id: $id) { jsonl(first: 3) { text lines hasNextPage endCursor } } }', { id: first.id },
    );
    expect(jsonl.selection.jsonl).toMatchObject({ lines: 3, hasNextPage: true });
    const lines = jsonl.selection.jsonl.text.trim().split('\n').map((line) => JSON.parse(line) as { rank: number; id: string; features: unknown[] });
    expect(lines.map((line) => [line.rank, line.id])).toEqual(items.slice(0, 3).map((item) => [item.rank, item.sample.externalId]));
    const pools = await server.data<{ pools: { edges: { node: { id: string; selections: { id: string }[] } }[] } }>('{ pools(first: 10) { edges { node { id selections { id } } } } }');
    expect(pools.pools.edges.find((edge) => edge.node.id === 'pool')?.node.selections).toEqual([{ id: first.id }]);
  }, 600_000);

  it('runs an EMBEDDING selection with the server\'s sentence embedder (the offline word vectors by default) and names it', async () => {
    const { startSelection } = await server.data<{ startSelection: { id: string; kind: string } }>(
      'mutation($targets: [String!]) { startSelection(input: { poolId: "pool", method: EMBEDDING, count: 4, targets: $targets }) { id kind } }',
      { targets: TARGETS },
    );
    expect(startSelection.kind).toBe('select-run');
    let job: { state: string; error: { message: string } | null };
    for (;;) {
      job = (await server.data<{ job: typeof job }>('query($id: ID!) { job(id: $id) { state error { message } } }', { id: startSelection.id })).job;
      if (!['QUEUED', 'RUNNING'].includes(job.state)) break;
      await sleep(200);
    }
    expect(job.error).toBeNull();
    expect(job.state).toBe('SUCCEEDED');
    type Selection = { status: string; method: string; embedder: string | null; sae: unknown; selectedCount: number; items: { edges: { node: { rank: number; score: number; sample: { metadata: string }; drivingFeatures: unknown[] } }[] } };
    const { selectionOfJob: selection } = await server.data<{ selectionOfJob: Selection }>(
      'query($job: ID!) { selectionOfJob(jobId: $job) { status method embedder sae { id } selectedCount items(first: 4) { edges { node { rank score sample { metadata } drivingFeatures { index } } } } } }',
      { job: startSelection.id },
    );
    expect(selection).toMatchObject({ status: 'COMPLETE', method: 'EMBEDDING', sae: null, selectedCount: 4 });
    expect(selection.embedder).toMatch(/^atlas-word-vectors@1#[0-9a-f]{12}$/);
    const items = selection.items.edges.map((edge) => edge.node);
    expect(items.map((item) => item.rank)).toEqual([1, 2, 3, 4]);
    expect(items.filter((item) => JSON.parse(item.sample.metadata).kind === 'sea').length).toBeGreaterThanOrEqual(3);
    // Embeddings have no SAE features to explain a score with.
    expect(items.every((item) => item.drivingFeatures.length === 0 && item.score > 0)).toBe(true);
    // The other methods leave it null.
    const mona = await server.data<{ pool: { selections: { method: string; embedder: string | null }[] } }>('{ pool(id: "pool") { selections { method embedder } } }');
    expect(mona.pool.selections.filter((s) => s.method !== 'EMBEDDING').every((s) => s.embedder === null)).toBe(true);
  }, 600_000);

  it('EMBEDDING with ATLAS_EMBEDDER_DIR naming a folder that does not load is MODEL_UNAVAILABLE, and nothing is queued', async () => {
    vi.stubEnv('ATLAS_EMBEDDER_DIR', path.join(dir, 'no-such-model'));
    try {
      const before = (await listJobs(db, { kinds: ['select-run'], first: 1000 })).length;
      const result = await server.gql('mutation($targets: [String!]) { startSelection(input: { poolId: "pool", method: EMBEDDING, targets: $targets }) { id } }', { targets: TARGETS });
      expect(codeOf(result)).toBe('MODEL_UNAVAILABLE');
      expect(result.errors?.[0]?.message).toMatch(/ATLAS_EMBEDDER_DIR \(.*no-such-model\) does not load: .*unset ATLAS_EMBEDDER_DIR to use the offline word vectors/);
      expect(await listJobs(db, { kinds: ['select-run'], first: 1000 })).toHaveLength(before);
    } finally {
      vi.unstubAllEnvs();
    }
  }, 600_000);

  it('refuses bad requests before queueing anything', async () => {
    const start = (input: string, variables: Record<string, unknown> = {}) =>
      server.gql(`mutation($targets: [String!]) { startSelection(input: { ${input} }) { id } }`, { targets: TARGETS, ...variables });
    const cases: [string, string, RegExp, Record<string, unknown>?][] = [
      ['poolId: "nope", method: RANDOM, targets: $targets', 'NOT_FOUND', /No pool "nope"/],
      [`poolId: "pool", saeId: "no/such", method: MONA, targets: $targets`, 'NOT_FOUND', /No SAE "no\/such"/],
      ['poolId: "pool", method: MONA, targets: $targets', 'BAD_USER_INPUT', /mona method reads an SAE's hook; give saeId/],
      ['poolId: "pool", method: EMBEDDING, similarity: JACCARD, targets: $targets', 'BAD_USER_INPUT', /use similarity "cosine" with the embedding method/],
      ['poolId: "pool", method: RANDOM, ratio: 1.5, targets: $targets', 'BAD_USER_INPUT', /ratio must be in \(0, 1\]/],
      ['poolId: "pool", method: RANDOM, count: 17, targets: $targets', 'BAD_USER_INPUT', /count 17 is larger than the pool \(16 samples\)/],
      ['poolId: "pool", method: RANDOM, targetPoolId: "broken", targets: $targets', 'BAD_USER_INPUT', /targets or targetPoolId \(one of them\)/],
      ['poolId: "pool", method: RANDOM, targets: $targets', 'BAD_USER_INPUT', /The target set is empty/, { targets: ['  '] }],
      ['poolId: "pool", method: RANDOM, targets: $targets', 'BAD_USER_INPUT', /1001 targets is more than 1000; import them as a pool/, { targets: Array(1001).fill('x') }],
    ];
    for (const [input, code, message, variables] of cases) {
      const result = await start(input, variables);
      expect([codeOf(result), result.errors?.[0]?.message]).toEqual([code, expect.stringMatching(message)]);
    }
    const page = await server.gql('{ pools(first: 101) { edges { cursor } } }');
    expect(codeOf(page)).toBe('BAD_USER_INPUT');
    expect((await server.data<{ selectionOfJob: null }>('{ selectionOfJob(jobId: "not-a-uuid") { id } }')).selectionOfJob).toBeNull();
  }, 600_000);
});
