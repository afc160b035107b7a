import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@atlas/db';
import { ensureWebBuild, freePort } from '../support/web-server.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const PROGRESS_HEADER = 'x-atlas-first-start';
/** A small demo atlas (same model, corpus and stages as the real one) so the whole flow stays minutes, not tens. */
const SMALL_DEMO = ['--tokens', '4096', '--width', '128', '--k', '8', '--epochs', '2'];

interface Answer { status: number; fromProgressPage: boolean; body: string }

async function get(url: string): Promise<Answer | undefined> {
  try {
    const response = await fetch(url, { redirect: 'manual' });
    return { status: response.status, fromProgressPage: response.headers.has(PROGRESS_HEADER), body: await response.text() };
  } catch {
    return undefined; // Nothing listening (yet, or for the instant the port is handed over).
  }
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, giveUpAfterMs: number): Promise<T> {
  const deadline = Date.now() + giveUpAfterMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * The real `npm start` (scripts/start.mjs) on a fresh data folder: the web port answers with the
 * build's progress page (every path, plus its JSON) while the demo atlas builds, then serves the
 * atlas from the API once the build is done; a killed server is restarted while the other keeps
 * serving; SIGTERM stops both and the embedded database is closed. Generous limits: the work is
 * real and CI is busy.
 */
describe('npm start on a fresh data folder', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'atlas-first-start-'));
  let child: ChildProcess | undefined;

  afterAll(() => {
    if (child?.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM'); // start.mjs and the servers it spawned
      } catch {
        // already gone
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the build progress at once, then the atlas; restarts a killed server; stops cleanly on SIGTERM', async () => {
    ensureWebBuild(); // so this test times the atlas build, not a cold `next build`
    const [webPort, apiPort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = { ...process.env, ATLAS_DATA_DIR: dataDir, WEB_PORT: String(webPort), API_PORT: String(apiPort) };
    delete env.DATABASE_URL;
    child = spawn(process.execPath, [path.join(repoRoot, 'scripts/start.mjs'), ...SMALL_DEMO], {
      cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
    });
    let output = '';
    for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // 127.0.0.1: the servers listen there only (`localhost` may resolve to ::1 first).
    const web = `http://127.0.0.1:${webPort}`;
    const started = performance.now();
    const since = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

    const first = await until('the web port to answer', () => get(`${web}/`), 120_000);
    console.log(`first-start e2e: the web port answered after ${since()}`); // a figure for the log, not a limit
    expect(first.fromProgressPage).toBe(true);
    expect(first.status).toBe(503);
    expect(first.body).toContain('Building the demo atlas');
    const featurePage = await get(`${web}/feature/demo-lm/blocks.2.hook_resid_post/topk-128/0`);
    expect(featurePage).toMatchObject({ status: 503, fromProgressPage: true });

    // The build's stages reach the page while it runs.
    const progress = await until('a build stage on the progress page', async () => {
      const answer = await get(`${web}/__atlas/progress`);
      if (!answer?.fromProgressPage) return undefined;
      const state = JSON.parse(answer.body) as { phase: string; build: { stages: { stage: string; done: number; total: number; rate: number }[] } | null };
      return state.build && state.build.stages.length > 0 ? state : undefined;
    }, 600_000);
    expect(['building', 'starting']).toContain(progress.phase);
    const stage = progress.build!.stages[0]!;
    expect(stage.total).toBeGreaterThan(0);
    expect(stage.done).toBeLessThanOrEqual(stage.total);

    const atlas = await until('the atlas to replace the progress page', async () => {
      const answer = await get(`${web}/`);
      return answer && !answer.fromProgressPage && answer.status === 200 ? answer : undefined;
    }, 1_800_000);
    console.log(`first-start e2e: the atlas replaced the progress page after ${since()}`);
    expect(atlas.body).toContain('Demo LM');
    const sae = await get(`${web}/sae/demo-lm/blocks.2.hook_resid_post/topk-128`);
    expect(sae).toMatchObject({ status: 200, fromProgressPage: false });
    expect(output).toMatch(/Listening on 127\.0\.0\.1 \(this machine only/);

    // SIGKILL the API: the supervisor says so and starts another; the web app kept running.
    const apiPid = Number(/API started \(pid (\d+)\)/.exec(output)![1]);
    process.kill(apiPid, 'SIGKILL');
    await until('the API restart', async () => (/API exited \(SIGKILL\); restarting it in 1 s \(restart 1\)/.test(output) ? true : undefined), 120_000);
    const query = () => fetch(`http://127.0.0.1:${apiPort}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }),
    }).then((response) => (response.ok ? true : undefined), () => undefined);
    await until('the restarted API to answer', query, 600_000);
    expect(await get(`${web}/`)).toMatchObject({ status: 200, fromProgressPage: false });

    // SIGTERM: the API finishes, closes the database (once: no second signal), the web app stops, start exits 0.
    const pids = [...output.matchAll(/(?:API|web app) started \(pid (\d+)\)/g)].map((match) => Number(match[1]));
    // 'close', not 'exit': the servers wrote into the same pipes, read to the end only then.
    const closed = new Promise<number | null>((resolve) => child!.once('close', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await closed).toBe(0);
    const tail = output.slice(-4000);
    expect(output, tail).toContain('SIGTERM: finishing in-flight requests, then closing the database.');
    expect(output, tail).not.toContain('exiting without waiting');
    for (const pid of pids) expect(alive(pid)).toBe(false);
    // The embedded database was closed and unlocked: it opens again here.
    const db = await openDatabase({ dataDir: path.join(dataDir, 'pgdata') });
    await db.close();
  });
});
