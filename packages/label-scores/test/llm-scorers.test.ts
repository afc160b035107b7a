import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ScoringContext } from '@atlas/db';
import { createChatClient } from '@atlas/labels';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectionScore, fuzzingScore, saidYes } from '../src/index.ts';

/**
 * A real HTTP server speaking the OpenAI chat-completions protocol. It stands in for a model:
 * a deterministic rule-based responder that knows what two explanations mean (numbers → a digit;
 * colours → a colour word) and answers the detection question ("does it fire in the excerpt?")
 * and the fuzzing question ("are the «marked» tokens where it fires?") by that rule. An
 * explanation it knows nothing of matches nothing, so it always answers "no".
 */
const RULES: [RegExp, RegExp][] = [
  [/\bnumbers?\b|\bdigits?\b/i, /\d/],
  [/\bcolou?rs?\b/i, /\b(red|green|blue|yellow)\b/i],
];

function respond(user: string): string {
  const explanation = /Explanation: (.*)\n/.exec(user)?.[1] ?? '';
  const excerpt = /Excerpt: (.*)\n/.exec(user)?.[1] ?? '';
  const rule = RULES.find(([about]) => about.test(explanation))?.[1];
  if (!rule) return 'no';
  const marks = [...excerpt.matchAll(/«([^»]*)»/g)].map((m) => m[1]!);
  if (marks.length > 0) return marks.every((mark) => rule.test(mark)) ? 'Yes.' : 'No.';
  return rule.test(excerpt) ? 'yes' : 'no';
}

let server: Server;
let url: string;
let requests = 0;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    requests += 1;
    const body = JSON.parse(raw) as { messages: { role: string; content: string }[] };
    const content = respond(body.messages.find((m) => m.role === 'user')!.content);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** "paid [42] dollars" → tokens with the bracketed ones firing, the first of them the peak. */
function context(id: number, text: string): ScoringContext {
  const tokens = text.split(/(?=\s)/);
  const firing = tokens.flatMap((t, i) => (t.includes('[') ? [i] : []));
  return { contextId: id, tokens: tokens.map((t) => t.replace(/[[\]]/g, '')), firing, peak: firing[0] ?? 0 };
}

// The feature fires on numbers.
const positives = [
  'he paid [42] dollars for it', 'in [1999] the war ended', 'about [7] of them came', 'page [12] of the book',
  'we walked [3] miles home', 'the year [2020] was long', 'she counted to [10] slowly', 'room [101] was empty',
].map((text, i) => context(i, text));
const negatives = [
  'the cat sat on the mat', 'a long walk by the river', 'they sang a quiet song', 'the ship left the harbour',
  'she read the letter twice', 'bread and butter for tea', 'the wind was cold today', 'he opened the old door',
].map((text, i) => context(100 + i, text));

describe('LLM scorers against an OpenAI-compatible server', () => {
  const client = () => createChatClient({ url, model: 'rule-responder', concurrency: 3, retries: 0 });

  it('detection: a label matching the rule scores high, a wrong one at chance', async () => {
    const right = await detectionScore(client(), 'numbers and digits', positives, negatives);
    const wrong = await detectionScore(client(), 'colours', positives, negatives);
    expect(right).toEqual({ score: 1, nPos: 8, nNeg: 8 });
    expect(wrong.score).toBe(0.5);
    expect(requests).toBeGreaterThanOrEqual(32);
  });

  it('fuzzing: correctly marked vs wrongly marked tokens; a right label scores high, a wrong one at chance', async () => {
    const right = await fuzzingScore(client(), 'numbers', positives, 7);
    const wrong = await fuzzingScore(client(), 'colours', positives, 7);
    expect(right.nPos).toBe(8);
    expect(right.nNeg).toBe(8);
    expect(right.score).toBe(1);
    expect(wrong.score).toBe(0.5);
  });

  it('a failing endpoint fails the label with the client error (so a rerun scores it again)', async () => {
    const dead = createChatClient({ url: 'http://127.0.0.1:9/v1', model: 'none', retries: 0 });
    await expect(detectionScore(dead, 'numbers', positives.slice(0, 1), negatives.slice(0, 1))).rejects.toMatchObject({ code: 'UPSTREAM_FAILED' });
  });

  it('reads yes/no replies', () => {
    expect([saidYes('Yes.'), saidYes('"yes"'), saidYes('no'), saidYes('yesterday')]).toEqual([true, true, false, false]);
  });
});
