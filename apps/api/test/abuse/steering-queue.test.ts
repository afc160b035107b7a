import { loadLanguageModel, type LanguageModel } from '@atlas/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelCache } from '../../src/domains/steering/model-cache.ts';
import { SteeringService } from '../../src/domains/steering/steering-service.ts';
import { REAL_SAE_ID, seedSteeringAtlas } from '../support/steering-fixture.ts';
import { startTestServer, type GraphQLResult, type TestServer } from '../support/test-server.ts';

const STEER = `query($id: ID!, $prompt: String!) {
  steer(featureId: $id, strength: 30, prompt: $prompt, maxTokens: 96) { steered { text } timing { queuedMs } }
}`;

type Steer = { steer: { steered: { text: string }; timing: { queuedMs: number } } };

/** The real demo LM behind a queue of one run and one waiting request. */
describe('steering runs behind a queue that reads never wait for', () => {
  let server: TestServer;
  let model: LanguageModel;
  const steering = new SteeringService(new ModelCache(), { concurrency: 1, maxWaiting: 1, maxWaitMs: 600_000 });
  beforeAll(async () => {
    server = await startTestServer({ steering });
    model = await loadLanguageModel((await import('@atlas/demo-model')).demoModelDir);
    await seedSteeringAtlas(server.db, model);
    // Load the model once, so the runs below start together.
    await server.data(`{ steer(featureId: "${REAL_SAE_ID}/0", strength: 1, prompt: "A", maxTokens: 1) { seed } }`);
  });
  afterAll(async () => {
    await server?.close();
    await model?.dispose();
  });

  it('runs one, queues one, and refuses the next at once with RATE_LIMITED saying when to retry', async () => {
    const send = (prompt: string) => server.gql<Steer>(STEER, { id: `${REAL_SAE_ID}/0`, prompt });
    const answers: GraphQLResult<Steer>[] = await Promise.all([send('The ship'), send('The whale'), send('The sea')]);
    const codes = answers.map((answer) => answer.errors?.[0]?.extensions?.code ?? 'ok').sort();
    expect(codes).toEqual(['RATE_LIMITED', 'ok', 'ok']);
    const refused = answers.find((answer) => answer.errors)!;
    expect(refused.errors?.[0]?.message).toMatch(/^The steering queue is full \(1 requests waiting for the model\)\. Retry in about \d+ s\.$/);
    const queued = answers.filter((answer) => !answer.errors).map((answer) => answer.data!.steer.timing.queuedMs).sort((a, b) => a - b);
    expect(queued[1]).toBeGreaterThan(queued[0]!);
  });

  it('answers reads while a generation runs', async () => {
    let steerDone = false;
    const steered = server.gql<Steer>(STEER, { id: `${REAL_SAE_ID}/1`, prompt: 'Call me Ishmael' }).then((answer) => {
      steerDone = true;
      return answer;
    });
    while (steering.running === 0 && !steerDone) await new Promise((resolve) => setTimeout(resolve, 5));
    const read = await server.data<{ features: { totalCount: number } }>(`{ features(saeId: "${REAL_SAE_ID}") { totalCount } }`);
    expect(read.features.totalCount).toBe(2);
    expect(steerDone).toBe(false);
    expect((await steered).errors).toBeUndefined();
  });
});

describe('steer has its own rate limit per viewer', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ rateLimits: { steerAnonymousPerMinute: 1, exempt: [] } });
  });
  afterAll(() => server?.close());

  it('refuses the second steer in a minute from one address, before loading any model', async () => {
    const steer = '{ steer(featureId: "nope/0", strength: 1, prompt: "A") { seed } }';
    expect((await server.gql(steer)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const refused = (await server.gql(steer)).errors?.[0];
    expect(refused?.extensions?.code).toBe('RATE_LIMITED');
    expect(refused?.message).toMatch(/^Too many requests: the limit is 1 steer requests per minute from one address without an API key\. Retry in \d+ s\./);
  });
});
