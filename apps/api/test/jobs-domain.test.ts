import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase } from '@atlas/db/testing';
import { openDatabase, sqlExecutor, type AtlasDb } from '@atlas/db';
import { defineJobKind } from '@atlas/jobs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import type { ApiContext } from '../src/context.ts';
import type { Domain } from '../src/domains/domain.ts';
import { domains } from '../src/domains/index.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

/** Counts `steps` steps of `stepMs`, reporting progress; stops when cancelled. */
const countKind = defineJobKind({
  name: 'test-api-count',
  payload: z.object({ steps: z.number().int().positive(), stepMs: z.number().int().min(0) }),
  run: async ({ steps, stepMs }, ctx) => {
    for (let step = 1; step <= steps; step += 1) {
      ctx.signal.throwIfAborted();
      await sleep(stepMs);
      ctx.progress(step, steps, 'steps');
    }
    return { steps };
  },
});

/** A domain as a capability would write one: a mutation that starts its job kind and returns the Job. */
const countingDomain: Domain = {
  name: 'counting',
  typeDefs: 'extend type Mutation { startCount(steps: Int!, stepMs: Int!): Job! @perRequest(max: 1) }',
  resolvers: {
    Mutation: {
      startCount: async (_parent: unknown, args: { steps: number; stepMs: number }, ctx: ApiContext) =>
        ctx.jobs.enqueue(countKind, args),
    },
  } as Domain['resolvers'],
  jobKinds: [countKind],
};

type JobAnswer = {
  id: string; kind: string; state: string; attempts: number;
  progress: { done: number; total: number | null; unit: string | null } | null; error: { code: string; message: string } | null;
};
const JOB_FIELDS = 'id kind state attempts progress { done total unit rate etaSeconds updatedAt } error { code message } createdAt startedAt finishedAt';

const postgresUrl = inject('postgresUrl');
const targets: [string, () => Promise<{ db: AtlasDb; queueUrl?: string }>][] = [
  ['pglite (served on a local socket)', async () => ({ db: await openDatabase({ inMemory: true }) })],
  ...(postgresUrl
    ? [['postgres', async () => {
      const database = await createTestDatabase(postgresUrl);
      const db = await openDatabase({ url: database.url });
      const close = db.close;
      return { db: Object.assign(db, { close: async () => { await close(); await database.drop(); } }), queueUrl: database.url };
    }] as [string, () => Promise<{ db: AtlasDb; queueUrl?: string }>]]
    : []),
];

describe.each(targets)('jobs from GraphQL on %s', (_name, open) => {
  let server: TestServer;
  let db: AtlasDb;
  beforeAll(async () => {
    const target = await open();
    db = target.db;
    // An application's queues come from migrations; this test kind's is made here.
    await sqlExecutor(db).executeSql(`select pgboss.create_queue('test-api-count', '{"policy":"standard"}')`);
    server = await startTestServer({
      db, seed: false, domains: [...domains, countingDomain],
      jobs: { workers: 1, maxActiveJobs: 2, ...(target.queueUrl ? { queueUrl: target.queueUrl } : {}) },
    });
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const job = async (id: string) => (await server.data<{ job: JobAnswer | null }>(`query($id: ID!) { job(id: $id) { ${JOB_FIELDS} } }`, { id })).job;
  const waitFor = async (id: string, done: (answer: JobAnswer) => boolean) => {
    for (;;) {
      const answer = await job(id);
      if (answer && done(answer)) return answer;
      await sleep(100);
    }
  };

  it('starts a job from a mutation, shows its progress and its end', async () => {
    const { startCount } = await server.data<{ startCount: JobAnswer }>(`mutation { startCount(steps: 5, stepMs: 20) { ${JOB_FIELDS} } }`);
    expect(startCount).toMatchObject({ kind: 'test-api-count', state: 'QUEUED', attempts: 0, progress: null, error: null });
    const finished = await waitFor(startCount.id, (answer) => answer.state === 'SUCCEEDED');
    expect(finished).toMatchObject({ attempts: 1, progress: { done: 5, total: 5, unit: 'steps' }, error: null });
  });

  it('cancels a running job, refuses new jobs over the limit, and answers unknown ids', async () => {
    const start = async () => (await server.data<{ startCount: JobAnswer }>('mutation { startCount(steps: 10000, stepMs: 20) { id } }')).startCount.id;
    const running = await start();
    await waitFor(running, (answer) => answer.state === 'RUNNING');
    const queued = await start();
    const refused = await server.gql('mutation { startCount(steps: 1, stepMs: 0) { id } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(refused.errors?.[0]?.message).toMatch(/2 jobs queued or running.*API_MAX_ACTIVE_JOBS=2/);

    for (const id of [running, queued]) {
      const { cancelJob } = await server.data<{ cancelJob: JobAnswer }>(`mutation($id: ID!) { cancelJob(id: $id) { ${JOB_FIELDS} } }`, { id });
      expect(cancelJob).toMatchObject({ id, state: 'CANCELLED', error: { code: 'CANCELLED' } });
    }
    // The running one stopped without finishing its count.
    expect((await job(running))?.progress?.done ?? 0).toBeLessThan(10000);

    expect(await job('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await job('not a job id')).toBeNull();
    const unknown = await server.gql('mutation { cancelJob(id: "00000000-0000-4000-8000-000000000000") { id } }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
