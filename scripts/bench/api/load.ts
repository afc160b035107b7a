import autocannon from 'autocannon';
import http from 'node:http';
import { readRequest, steerRequest, type GraphQLBody } from './read-mix.ts';

export type LoadFigures = {
  requests: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Non-2xx answers, answers with GraphQL errors, socket errors and timeouts. */
  errors: number;
  firstError?: string;
};

/** autocannon at a fixed overall rate of mixed reads; an answer with `errors` counts as an error too. */
export async function readLoad(url: string, cursors: readonly (string | null)[], { rate, duration, connections }: { rate: number; duration: number; connections: number }): Promise<LoadFigures> {
  let graphqlErrors = 0;
  let firstError: string | undefined;
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections,
    duration,
    overallRate: rate,
    timeout: 30,
    requests: [{
      setupRequest: (request) => ({ ...request, body: JSON.stringify(readRequest(cursors)) }),
      onResponse: (status, body) => {
        if (status !== 200 || body.includes('"errors"')) {
          graphqlErrors += 1;
          firstError ??= `${status} ${body.slice(0, 300)}`;
        }
      },
    }],
  });
  return loadFigures(result, graphqlErrors, firstError);
}

/**
 * An open-loop run at a steady `rate`: request i is due at start + i / rate, whatever the answers before
 * it did (independent users arriving), over keep-alive connections opened as needed. autocannon's
 * overallRate is not that: each connection sends its share of a second back to back as soon as the
 * second starts, then waits for the next one, so 32 connections make a 32-way burst every second. Latency
 * counts from the time a request was due, so a request sent late (the client's event loop busy) counts
 * its wait (no coordinated omission).
 */
export async function pacedLoad(url: string, cursors: readonly (string | null)[], { rate, duration }: { rate: number; duration: number }): Promise<LoadFigures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const post = (body: string, due: number) => new Promise<void>((resolve) => {
    const fail = (why: string) => {
      errors += 1;
      firstError ??= why;
      resolve();
    };
    const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, timeout: 30_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        latencies.push(performance.now() - due);
        const text = Buffer.concat(chunks).toString();
        if (response.statusCode !== 200 || text.includes('"errors"')) fail(`${response.statusCode} ${text.slice(0, 300)}`);
        else resolve();
      });
      response.on('error', (error) => fail(error.message));
    });
    request.on('timeout', () => request.destroy(new Error('timed out after 30 s')));
    request.on('error', (error) => fail(error.message));
    request.end(body);
  });
  const total = Math.round(rate * duration);
  const start = performance.now();
  const sent: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    sent.push(post(JSON.stringify(readRequest(cursors)), due));
  }
  await Promise.all(sent);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    requests: total, perSecond: total / elapsed, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted.at(-1) ?? 0, errors,
    ...(firstError ? { firstError } : {}),
  };
}

/**
 * An autocannon run as the bench's table row. `answerErrors` are responses the run's own check
 * refused; a non-2xx answer counts once (it is usually also refused there), plus connection errors
 * and timeouts.
 */
export function loadFigures(result: autocannon.Result, answerErrors: number, firstError: string | undefined): LoadFigures {
  return {
    requests: result.requests.total,
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: Math.max(answerErrors, result.non2xx) + result.errors + result.timeouts,
    ...(firstError ? { firstError } : {}),
  };
}

export type StormFigures = { sent: number; answered: number; queueFull: number; otherErrors: number; p50: number; max: number; firstError?: string };

/** `clients` loops each sending `steer` after `steer` until `until` resolves. */
/**
 * Why `steer` cannot run on this atlas (one request's error), or undefined when it answers: a
 * storm of refusals would measure nothing, and its rows would read as a storm that was not.
 */
export async function steerUnavailable(url: string): Promise<string | undefined> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(steerRequest()) });
  const answer = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
  const error = answer.errors?.[0];
  return error ? `${error.extensions?.code ?? 'ERROR'}: ${error.message}` : undefined;
}

export async function steerStorm(url: string, clients: number, until: Promise<unknown>): Promise<StormFigures> {
  let done = false;
  void until.then(() => {
    done = true;
  });
  const latencies: number[] = [];
  const figures: StormFigures = { sent: 0, answered: 0, queueFull: 0, otherErrors: 0, p50: 0, max: 0 };
  const loop = async () => {
    while (!done) {
      const body: GraphQLBody = steerRequest();
      const started = performance.now();
      figures.sent += 1;
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const answer = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
      const code = answer.errors?.[0]?.extensions?.code;
      if (!code) {
        figures.answered += 1;
        latencies.push(performance.now() - started);
      } else if (code === 'RATE_LIMITED') {
        figures.queueFull += 1;
        await new Promise((resolve) => setTimeout(resolve, 500));
      } else {
        figures.otherErrors += 1;
        figures.firstError ??= `${code}: ${answer.errors?.[0]?.message}`;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  latencies.sort((a, b) => a - b);
  figures.p50 = latencies[Math.floor(latencies.length / 2)] ?? 0;
  figures.max = latencies.at(-1) ?? 0;
  return figures;
}
