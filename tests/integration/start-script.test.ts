import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@atlas/db';

// `npm start` from a fresh data folder (issues 14 and 16): the web port answers at once with the
// build's progress, then the atlas; a killed server is restarted while the other keeps serving;
// SIGTERM stops both and the embedded database is closed cleanly. A small demo build
// (arguments go to `atlas build-demo`) keeps it to minutes; no step is timed.
const repoRoot = path.resolve(import.meta.dirname, '../..');
const { DATABASE_URL: _postgres, ...embeddedEnv } = process.env;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function until<T>(what: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await what().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(250);
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'atlas-start-'));
  let start: ChildProcess | undefined;
  let output = '';
  afterAll(() => {
    if (start?.exitCode === null) start.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the build progress at once, then the atlas; restarts a killed server; stops cleanly on SIGTERM', async () => {
    const [apiPort, webPort] = [await freePort(), await freePort()];
    start = spawn(process.execPath, ['scripts/start.mjs', '--tokens', '8192', '--width', '128', '--k', '8', '--epochs', '1'], {
      cwd: repoRoot, env: { ...embeddedEnv, ATLAS_DATA_DIR: dataDir, API_PORT: String(apiPort), WEB_PORT: String(webPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    start.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    start.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const web = `http://127.0.0.1:${webPort}`;

    // The progress page, before the atlas exists: any path, 503, and its JSON with the build's stages.
    const first = await until(async () => fetch(`${web}/sae/anything`));
    expect(first.status).toBe(503);
    expect(await first.text()).toContain('Building the atlas');
    const progress = await until(async () => {
      const body = (await (await fetch(`${web}/__atlas/start-progress`)).json()) as { build: { finished: { name: string }[] } | null };
      return body.build && body.build.finished.length > 0 ? body.build : undefined;
    });
    expect(progress.finished[0]!.name).toBe('extract activations');

    await until(async () => (output.includes('Feature Atlas is ready') ? true : undefined));
    const home = await fetch(`${web}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Feature Atlas');
    expect(output).toMatch(new RegExp(`Listening on 127\\.0\\.0\\.1 \\(this machine only`));

    // SIGKILL the API: the supervisor says so and starts another; the web app kept running.
    const apiPid = Number(/API started \(pid (\d+)\)/.exec(output)![1]);
    process.kill(apiPid, 'SIGKILL');
    await until(async () => (/API exited \(SIGKILL\); restarting it in 1 s \(restart 1\)/.test(output) ? true : undefined));
    const query = () => fetch(`http://127.0.0.1:${apiPort}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }),
    });
    await until(async () => ((await query()).ok ? true : undefined));
    expect((await fetch(`${web}/`)).status).toBe(200);

    // SIGTERM: the API finishes, closes the database (once: no second signal), the web app stops, start exits.
    const pids = [...output.matchAll(/(?:API|web app) started \(pid (\d+)\)/g)].map((match) => Number(match[1]));
    // 'close', not 'exit': the servers wrote into the same pipes, read to the end only then.
    const exited = new Promise<number | null>((resolve) => start!.once('close', (code) => resolve(code)));
    start.kill('SIGTERM');
    expect(await exited).toBe(0);
    const tail = output.slice(-4000);
    expect(output, tail).toContain('SIGTERM: finishing in-flight requests, then closing the database.');
    expect(output, tail).not.toContain('exiting without waiting');
    for (const pid of pids) expect(alive(pid)).toBe(false);
    // The embedded database was closed and unlocked: it opens again here.
    const db = await openDatabase({ dataDir: path.join(dataDir, 'pgdata') });
    await db.close();
  });
});
