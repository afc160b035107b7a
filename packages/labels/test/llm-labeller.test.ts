import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { chatCompletionsUrl, createLlmLabeller, type LabelEvidence } from '../src/index.ts';

type ChatBody = { model: string; messages: { role: string; content: string }[] };
type Handler = (request: { url: string; headers: IncomingMessage['headers']; body: ChatBody }, response: ServerResponse) => void | Promise<void>;

const servers: Server[] = [];

/** A real OpenAI-compatible HTTP server on a free port, answering with `handler`. */
async function startServer(handler: Handler): Promise<string> {
  const server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    await handler({ url: req.url ?? '', headers: req.headers, body: JSON.parse(raw || 'null') as ChatBody }, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const reply = (res: ServerResponse, content: string) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
};

const evidence = (word: string): LabelEvidence => ({
  contexts: [{ tokens: [' a', ` ${word}`, ' swam'], maxPosition: 1, maxValue: 3.5 }],
  promotedTokens: [' blow'],
});

describe('createLlmLabeller', () => {
  it('asks the chat endpoint with the evidence and keeps to the concurrency limit', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const seen: string[] = [];
    const url = await startServer(async ({ url: path, headers, body }, res) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      seen.push(`${path} ${headers.authorization} ${body.model}`);
      const user = body.messages.find((m) => m.role === 'user')!.content;
      const word = /«\s*(\w+)»/.exec(user)![1]!;
      await new Promise((resolve) => setTimeout(resolve, 30));
      inFlight -= 1;
      reply(res, `Label: "${word} mentions"\nbecause…`);
    });
    const labeller = createLlmLabeller({ url: `${url}/v1`, model: 'tiny-local', apiKey: 'secret', concurrency: 2 });
    const progress: number[] = [];
    const labels = await labeller.labelAll(['whale', 'ship', 'sea', 'harpoon', 'captain'].map(evidence), (done) => progress.push(done));
    expect(labels).toEqual(['whale mentions', 'ship mentions', 'sea mentions', 'harpoon mentions', 'captain mentions']);
    expect(mostInFlight).toBe(2);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    expect(seen[0]).toBe('/v1/chat/completions Bearer secret tiny-local');
  });

  it('retries a 5xx with backoff, then succeeds', async () => {
    let calls = 0;
    const url = await startServer((_request, res) => {
      calls += 1;
      if (calls < 3) {
        res.writeHead(503).end('busy');
        return;
      }
      reply(res, 'whales');
    });
    const labeller = createLlmLabeller({ url, model: 'm', backoffMs: 5, retries: 3 });
    await expect(labeller.label(evidence('whale'))).resolves.toBe('whales');
    expect(calls).toBe(3);
  });

  it('does not retry a 4xx and names the status, body and fix', async () => {
    let calls = 0;
    const url = await startServer((_request, res) => {
      calls += 1;
      res.writeHead(401).end('{"error":"bad key"}');
    });
    const labeller = createLlmLabeller({ url, model: 'm', backoffMs: 5 });
    await expect(labeller.label(evidence('whale'))).rejects.toThrow(/answered 401: \{"error":"bad key"\} Check the API key/);
    expect(calls).toBe(1);
  });

  it('reports malformed JSON and a reply without a message', async () => {
    const url = await startServer(({ url: path }, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(path.includes('broken') ? '{"choices": [' : '{"result": "ok"}');
    });
    await expect(createLlmLabeller({ url: `${url}/broken`, model: 'm' }).label(evidence('x'))).rejects.toThrow(/malformed JSON/);
    await expect(createLlmLabeller({ url, model: 'm' }).label(evidence('x'))).rejects.toThrow(/without choices\[0\]\.message\.content/);
  });

  it('times out a silent server', async () => {
    const url = await startServer(() => {
      // Never answers.
    });
    const labeller = createLlmLabeller({ url, model: 'm', timeoutMs: 100, retries: 1, backoffMs: 5 });
    await expect(labeller.label(evidence('x'))).rejects.toThrow(/did not answer within 100 ms/);
  });

  it('says when the URL cannot be reached, and collects per-feature errors in labelAll', async () => {
    const url = await startServer(() => {});
    const closed = servers.pop()!;
    await new Promise((resolve) => closed.close(resolve));
    const labeller = createLlmLabeller({ url, model: 'm', retries: 0 });
    await expect(labeller.label(evidence('x'))).rejects.toThrow(/Could not reach the LLM endpoint .*ECONNREFUSED.*--llm-url/);
    const results = await labeller.labelAll([evidence('x')]);
    expect(results[0]).toBeInstanceOf(Error);
  });

  it('accepts a server base, a /v1 base or the endpoint itself, and rejects a non-URL', () => {
    expect(chatCompletionsUrl('http://localhost:8080')).toBe('http://localhost:8080/v1/chat/completions');
    expect(chatCompletionsUrl('http://localhost:8080/v1/')).toBe('http://localhost:8080/v1/chat/completions');
    expect(chatCompletionsUrl('https://api.example.com/v1/chat/completions')).toBe('https://api.example.com/v1/chat/completions');
    expect(() => chatCompletionsUrl('localhost')).toThrow(/--llm-url "localhost" is not a URL/);
  });
});
