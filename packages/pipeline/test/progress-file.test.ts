import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileProgress, silentProgress, type BuildProgressSnapshot } from '../src/index.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'atlas-progress-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as BuildProgressSnapshot;

describe('fileProgress', () => {
  it('keeps every stage, in order, with done/total, rate and ETA, and marks finished ones', async () => {
    const file = path.join(dir, 'stages.json');
    const progress = fileProgress(file, silentProgress);
    expect(read(file).stages).toEqual([]); // written at once, so a reader sees the build has begun

    const extract = progress('extract activations', 1000, 'tok');
    expect(read(file).stages).toMatchObject([{ stage: 'extract activations', done: 0, total: 1000, unit: 'tok', finishedAt: null }]);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // past the write interval
    extract.update(250);
    const running = read(file).stages[0]!;
    expect(running.done).toBe(250);
    expect(running.rate).toBeGreaterThan(0);
    expect(running.etaSeconds).toBeCloseTo(750 / running.rate, 6);
    extract.stop();

    const write = progress('write features', 10, 'rows'); // a stage name the page has never seen
    write.update(10);
    write.stop();
    const done = read(file);
    expect(done.stages.map((s) => s.stage)).toEqual(['extract activations', 'write features']);
    expect(done.stages.every((s) => s.finishedAt !== null && s.etaSeconds === 0)).toBe(true);
    expect(done.stages[1]!.done).toBe(10); // the stop wrote the last update the throttle held back
  });

  it('throttles writes while a stage runs', () => {
    const file = path.join(dir, 'throttle.json');
    const stage = fileProgress(file, silentProgress)('train SAE', 100, 'tok');
    stage.update(1);
    stage.update(2);
    expect(read(file).stages[0]!.done).toBe(0); // within a second of the stage's start: not rewritten
  });
});
