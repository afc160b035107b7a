import { demoModelDir } from '@atlas/demo-model';
import { loadLanguageModel, type GenerateOptions, type LanguageModel } from '@atlas/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelCache } from '../src/domains/steering/model-cache.ts';
import { SteeringService } from '../src/domains/steering/steering-service.ts';
import { SAE_ID } from './support/atlas-fixture.ts';
import { GONE_MODEL_DIR, GONE_SAE_ID, REAL_SAE_ID, TARGET_TOKEN, seedSteeringAtlas } from './support/steering-fixture.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const STEER = `query($id: ID!, $strength: Float!, $prompt: String!, $maxTokens: Int, $temperature: Float, $seed: Int) {
  steer(featureId: $id, strength: $strength, prompt: $prompt, maxTokens: $maxTokens, temperature: $temperature, seed: $seed) {
    feature { id } hookName strength temperature seed promptTokens promptTruncated notice
    baseline { tokens text } steered { tokens text }
    timing { modelLoadMs queuedMs baselineMs steeredMs }
  }
}`;

const PROMPT = 'The President said that the Congress';
const count = (tokens: string[], token: string) => tokens.filter((t) => t === token).length;

describe('Query.steer with the real demo LM over HTTP', () => {
  let server: TestServer;
  let model: LanguageModel;
  const loads: string[] = [];

  beforeAll(async () => {
    const cache = new ModelCache(async (dir) => {
      loads.push(dir);
      return loadLanguageModel(dir);
    });
    server = await startTestServer({ steering: new SteeringService(cache) });
    model = await loadLanguageModel(demoModelDir);
    await seedSteeringAtlas(server.db, model);
  });
  afterAll(() => server?.close());

  it('rejects bad arguments with BAD_USER_INPUT naming each one, before loading any model', async () => {
    const { data, errors } = await server.gql(STEER, {
      id: `${REAL_SAE_ID}/0`, strength: 250, prompt: '   ', maxTokens: 0, temperature: 3, seed: -1,
    });
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const message = errors?.[0]?.message ?? '';
    for (const part of ['prompt (3 characters) must contain some text', 'strength (250) must be between -200 and 200',
      'maxTokens (0) must be between 1 and 128', 'temperature (3) must be between 0 (greedy) and 2', 'seed (-1) must be a non-negative integer']) {
      expect(message).toContain(part);
    }
    const long = await server.gql(STEER, { id: `${REAL_SAE_ID}/0`, strength: 1, prompt: 'x'.repeat(2001) });
    expect(long.errors?.[0]?.message).toContain('prompt (2001 characters) must be at most 2000 characters');
    expect(loads).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown feature and MODEL_UNAVAILABLE when the model cannot run here', async () => {
    const missing = await server.gql(STEER, { id: `${REAL_SAE_ID}/7`, strength: 1, prompt: PROMPT });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const gone = await server.gql(STEER, { id: `${GONE_SAE_ID}/0`, strength: 1, prompt: PROMPT });
    expect(gone.errors?.[0]).toMatchObject({ extensions: { code: 'MODEL_UNAVAILABLE' } });
    expect(gone.errors?.[0]?.message).toContain('not on this server: the folder recorded for it (models.source_path) does not exist here');
    // Where the server keeps its files is not the client's business.
    expect(gone.errors?.[0]?.message).not.toContain(GONE_MODEL_DIR);
    // The seeded test atlas's model has no recorded folder at all.
    const unrecorded = await server.gql(STEER, { id: `${SAE_ID}/0`, strength: 1, prompt: PROMPT });
    expect(unrecorded.errors?.[0]?.extensions?.code).toBe('MODEL_UNAVAILABLE');
    expect(unrecorded.errors?.[0]?.message).toContain('has no recorded source folder');
    expect(loads).toEqual([]);
  });

  it('continues greedily: the baseline is the model’s own, the steered run says the target token', async () => {
    // Two concurrent first requests share one model load.
    const [a, b] = await Promise.all([
      server.data(STEER, { id: `${REAL_SAE_ID}/0`, strength: 40, prompt: PROMPT, maxTokens: 16 }),
      server.data(STEER, { id: `${REAL_SAE_ID}/0`, strength: 40, prompt: PROMPT, maxTokens: 16 }),
    ]);
    expect(loads).toEqual([demoModelDir.replace(/\/$/, '')]);
    expect(b.steer).toMatchObject({ baseline: a.steer.baseline, steered: a.steer.steered });
    const { steer } = a;
    expect(steer).toMatchObject({
      feature: { id: `${REAL_SAE_ID}/0` }, hookName: 'blocks.3.hook_resid_post', strength: 40, temperature: 0, seed: null,
      promptTruncated: false, notice: null,
    });
    expect(steer.promptTokens).toEqual(model.decodeTokens(model.encode(PROMPT)));
    const direct = await model.generate(PROMPT, { maxNewTokens: 16 });
    expect(steer.baseline).toEqual({ tokens: direct.tokens, text: direct.text });
    expect(count(steer.steered.tokens, TARGET_TOKEN)).toBeGreaterThan(count(steer.baseline.tokens, TARGET_TOKEN) + 4);
    expect(steer.timing.baselineMs).toBeGreaterThan(0);
    expect(steer.timing.steeredMs).toBeGreaterThan(0);
    // Feature 1 points the other way: the token disappears.
    const away = await server.data(STEER, { id: `${REAL_SAE_ID}/1`, strength: 40, prompt: PROMPT, maxTokens: 16 });
    expect(count(away.steer.steered.tokens, TARGET_TOKEN)).toBe(0);
    expect(away.steer.timing.modelLoadMs).toBe(0);
  });

  it('changes nothing at strength 0, and samples reproducibly with a seed', async () => {
    const zero = await server.data(STEER, { id: `${REAL_SAE_ID}/0`, strength: 0, prompt: PROMPT, maxTokens: 12 });
    expect(zero.steer.steered).toEqual(zero.steer.baseline);
    const sampled = { id: `${REAL_SAE_ID}/0`, strength: 10, prompt: PROMPT, maxTokens: 12, temperature: 1 };
    const first = await server.data(STEER, sampled);
    expect(first.steer.seed).toEqual(expect.any(Number));
    const again = await server.data(STEER, { ...sampled, seed: first.steer.seed });
    expect(again.steer.baseline).toEqual(first.steer.baseline);
    expect(again.steer.steered).toEqual(first.steer.steered);
  });

  it('cuts a prompt longer than the context from the left and says so', async () => {
    const prompt = 'We the people of the United States, in order to form a more perfect union. '.repeat(26).slice(0, 2000);
    const { steer } = await server.data(STEER, { id: `${REAL_SAE_ID}/0`, strength: 1, prompt, maxTokens: 8 });
    expect(steer.promptTruncated).toBe(true);
    expect(steer.notice).toMatch(/kept its last 120/);
    expect(steer.promptTokens).toHaveLength(120);
    const tooMany = await server.gql(STEER, { id: `${REAL_SAE_ID}/0`, strength: 1, prompt: PROMPT, maxTokens: 128 });
    expect(tooMany.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(tooMany.errors?.[0]?.message).toContain("below this model's context length of 128");
  });

  it('stops a running generation before its next token once the request is cancelled', async () => {
    // The real model, counting the steps it is asked for; the client goes away during the third.
    const controller = new AbortController();
    let steps = 0;
    const counting = Object.create(model, {
      generate: {
        value: (prompt: string, options: GenerateOptions) => model.generate(prompt, {
          ...options,
          beforeStep: async () => {
            steps += 1;
            if (steps === 3) controller.abort();
            await options.beforeStep?.();
          },
        }),
      },
    }) as LanguageModel;
    const steering = new SteeringService(new ModelCache(async () => counting));
    const hook = model.hookPoints.find((point) => point.name === 'blocks.3.hook_resid_post')!;
    const run = steering.steer({
      modelId: 'demo-lm', sourcePath: demoModelDir, hookName: hook.name, direction: new Float32Array(hook.width),
      prompt: PROMPT, strength: 1, maxTokens: 32, temperature: 0, seed: null, signal: controller.signal,
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(steps).toBe(3);
  });

  it('is a query: it can be sent as GET', async () => {
    const params = new URLSearchParams({
      query: `query($id: ID!) { steer(featureId: $id, strength: 0, prompt: "Call me", maxTokens: 2) { baseline { tokens } } }`,
      variables: JSON.stringify({ id: `${REAL_SAE_ID}/0` }),
    });
    const response = await fetch(`${server.url}?${params}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    // Greedy (or seeded) runs give the same answer every time, so HTTP caches may keep them.
    expect(response.headers.get('cache-control')).toBe('max-age=60, public');
    const body = (await response.json()) as { data: { steer: { baseline: { tokens: string[] } } } };
    expect(body.data.steer.baseline.tokens).toHaveLength(2);
  });
});
