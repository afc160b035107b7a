import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module of the root scripts, without type declarations
import { PROGRESS_HEADER, PROGRESS_PATH, serveProgressPage } from '../../scripts/lib/progress-page.mjs';
import { freePort } from '../support/web-server.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'atlas-progress-page-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm start's progress page", () => {
  it('answers every path with the build stages (escaped) and the JSON the page polls, then frees the port', async () => {
    const port = await freePort();
    const progressFile = path.join(dir, 'build-progress.json');
    const state = { phase: 'building', webBuild: 'running' };
    const page = await serveProgressPage({ port, progressFile, state: () => state });
    const base = `http://127.0.0.1:${port}`;

    const early = await fetch(`${base}/feature/demo-lm/x/1`);
    expect(early.status).toBe(503);
    expect(early.headers.get(PROGRESS_HEADER)).toBe('1');
    expect(await early.text()).toContain('Loading the demo model'); // no stage file yet

    writeFileSync(progressFile, JSON.stringify({
      startedAt: '2026-12-04T00:00:00Z', updatedAt: '2026-12-04T00:01:00Z',
      stages: [
        { stage: 'extract activations', unit: 'tok', done: 100, total: 100, rate: 50, etaSeconds: 0, startedAt: 'x', finishedAt: 'y' },
        { stage: 'compare <b>width</b>', unit: 'pairs', done: 1500, total: 6000, rate: 30, etaSeconds: 150, startedAt: 'x', finishedAt: null },
      ],
    }));
    const html = await (await fetch(`${base}/`)).text();
    expect(html).toContain('compare &#60;b&#62;width&#60;/b&#62;');
    expect(html).not.toContain('<b>width');
    expect(html).toContain('1,500 / 6,000 pairs');
    expect(html).toContain('30 pairs/s');
    expect(html).toContain('2 min 30 s');

    state.phase = 'starting';
    const json = await (await fetch(`${base}${PROGRESS_PATH}`)).json() as { phase: string; webBuild: string; build: { stages: unknown[] } };
    expect(json).toMatchObject({ phase: 'starting', webBuild: 'running' });
    expect(json.build.stages).toHaveLength(2);

    await page.close();
    await expect(fetch(`${base}/`)).rejects.toThrow(); // the web app can take the port
  });
});
