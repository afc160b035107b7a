import { demoModelDir } from '@atlas/demo-model';
import { loadLanguageModel, type GenerateOptions, type LanguageModel } from '@atlas/model';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOLDEN_CASES, type GoldenCase } from './support/golden-cases.ts';
import { seedHookZSae } from './support/head-attribution-fixture.ts';
import { seedMapSae } from './support/map-fixture.ts';
import { REAL_SAE_ID, seedSteeringAtlas } from './support/steering-fixture.ts';
import { startTestServer, testDatabases, type TestServer } from './support/test-server.ts';

/**
 * The API's answers to a fixed set of requests, recorded before the API was reorganised by
 * domain and compared ever since: the same requests must get the same responses. Values that
 * differ between runs (timestamps, timings) are checked for their form and then replaced by a
 * placeholder; steering continuations are checked against the demo LM run directly.
 * `RECORD_GOLDEN=1 npx vitest run apps/api/test/golden-responses.test.ts` rewrites the recording.
 */
const RECORDING = new URL('./golden/responses.json', import.meta.url);
const RECORD = process.env['RECORD_GOLDEN'] === '1';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Recorded = { status: number; contentType: string | null; body: Json };

const recording: Record<string, Recorded> = RECORD ? {} : (JSON.parse(readFileSync(RECORDING, 'utf8')) as Record<string, Recorded>);

async function send(url: string, golden: GoldenCase): Promise<Recorded> {
  const response = golden.http
    ? await fetch(`${url}${golden.http.search ?? ''}`, {
      method: golden.http.method,
      headers: golden.http.headers ?? {},
      ...(golden.http.body === undefined ? {} : { body: golden.http.body }),
    })
    : await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: golden.query, variables: golden.variables }),
    });
  const contentType = response.headers.get('content-type');
  const text = await response.text();
  const body = contentType?.includes('json') ? (JSON.parse(text) as Json) : text;
  return { status: response.status, contentType, body };
}

/** Replaces run-dependent values (after checking their form) with placeholders. */
function stabilise(value: Json, key?: string): Json {
  if ((key === 'createdAt' || key === 'updatedAt') && typeof value === 'string') {
    expect(new Date(value).toISOString()).toBe(value);
    return '<timestamp>';
  }
  if (key === 'timing' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([name, ms]) => {
      expect(ms).toBeTypeOf('number');
      expect(ms).toBeGreaterThanOrEqual(0);
      return [name, '<ms>'];
    }));
  }
  if (Array.isArray(value)) return value.map((item) => stabilise(item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, stabilise(item, name)]));
  }
  return value;
}

/** Introspection lists types and directives in schema order; a reorganised schema may order them differently. */
function sortIntrospection(body: Json): Json {
  const schema = (body as { data?: { __schema?: Record<string, Json> } }).data?.__schema;
  if (!schema) return body;
  const byName = (a: Json, b: Json) => String((a as { name: string }).name).localeCompare(String((b as { name: string }).name));
  schema['types'] = [...(schema['types'] as Json[])].sort(byName);
  schema['directives'] = [...(schema['directives'] as Json[])].sort(byName);
  return body;
}

describe.each(RECORD ? ['pglite' as const] : testDatabases)('golden GraphQL responses (%s)', (database) => {
  let server: TestServer;
  let model: LanguageModel;
  const decoders = new Map<string, Float32Array>();

  beforeAll(async () => {
    server = await startTestServer({ database });
    await seedHookZSae(server.db);
    await seedMapSae(server.db);
    model = await loadLanguageModel(demoModelDir);
    await seedSteeringAtlas(server.db, model);
    for (const id of [`${REAL_SAE_ID}/0`, `${REAL_SAE_ID}/1`]) {
      const { feature } = await server.data<{ feature: { decoderVector: number[] } }>(
        `query($id: ID!) { feature(id: $id) { decoderVector } }`, { id },
      );
      decoders.set(id, Float32Array.from(feature.decoderVector));
    }
  });
  afterAll(async () => {
    await server?.close();
    if (RECORD) writeFileSync(RECORDING, `${JSON.stringify(recording, null, 2)}\n`);
  });

  /** A steering answer's continuations must be the demo LM's own, without and with the feature's direction. */
  async function checkContinuations(golden: GoldenCase, body: Json): Promise<void> {
    const steer = (body as { data?: { steer?: Record<string, Json> } | null }).data?.steer;
    if (!steer) return;
    const args = golden.variables as { id: string; prompt: string; strength: number; maxTokens?: number; temperature?: number };
    const seed = steer['seed'] as number | null;
    const options: GenerateOptions = {
      maxNewTokens: args.maxTokens ?? 32, temperature: args.temperature ?? 0, ...(seed === null ? {} : { seed }),
    };
    const baseline = await model.generate(args.prompt, options);
    const direction = decoders.get(args.id);
    if (!direction) throw new Error(`no decoder row fetched for ${args.id}`);
    const steered = await model.generate(args.prompt, {
      ...options, steering: [{ hook: String(steer['hookName']), direction, strength: args.strength }],
    });
    expect(steer['baseline']).toEqual({ tokens: baseline.tokens, text: baseline.text });
    expect(steer['steered']).toEqual({ tokens: steered.tokens, text: steered.text });
    steer['baseline'] = '<the model’s own continuation>';
    steer['steered'] = '<the model’s continuation with the feature’s direction added>';
  }

  it('has one recording per case name', () => {
    const names = GOLDEN_CASES.map((golden) => golden.name);
    expect(new Set(names).size).toBe(names.length);
    if (!RECORD) expect(Object.keys(recording)).toEqual(names);
  });

  it.each(GOLDEN_CASES)('$name', async (golden) => {
    const response = await send(server.url, golden);
    await checkContinuations(golden, response.body);
    const recorded: Recorded = { ...response, body: stabilise(sortIntrospection(response.body)) };
    if (RECORD) recording[golden.name] = recorded;
    else expect(recorded).toEqual(recording[golden.name]);
  });
});
