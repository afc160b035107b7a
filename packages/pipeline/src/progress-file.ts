import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ProgressFactory } from './progress.ts';

/** What a build reports through its progress file (`npm start`'s progress page reads it). */
export interface ProgressFileState {
  /** What is being built, e.g. the SAE id. */
  title: string;
  startedAt: string;
  updatedAt: string;
  /** The running stage, null between stages. */
  stage: { name: string; done: number; total: number; unit: string; rate: number | null; etaSeconds: number | null; startedAt: string } | null;
  /** Stages finished so far, in order, with their wall time. */
  finished: { name: string; seconds: number; total: number; unit: string }[];
}

/** Writes at most this often while a stage runs (every stage start and stop is written at once). */
const WRITE_INTERVAL_MS = 500;

/**
 * Wraps a progress factory so every stage is also written, as JSON, to `file` (replaced atomically:
 * a reader never sees half a file). The bars themselves are unchanged; the rate is the stage's
 * average so far and the ETA follows from it.
 */
export function recordProgressFile(inner: ProgressFactory, file: string, title: string): ProgressFactory {
  mkdirSync(path.dirname(file), { recursive: true });
  const state: ProgressFileState = { title, startedAt: new Date().toISOString(), updatedAt: '', stage: null, finished: [] };
  let lastWrite = 0;
  const write = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastWrite < WRITE_INTERVAL_MS) return;
    lastWrite = now;
    state.updatedAt = new Date(now).toISOString();
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(state));
    renameSync(partial, file);
  };
  write(true);
  return (name, total, unit) => {
    const bar = inner(name, total, unit);
    const started = performance.now();
    let stopped = false;
    state.stage = { name, done: 0, total, unit, rate: null, etaSeconds: null, startedAt: new Date().toISOString() };
    write(true);
    return {
      update(done, extra) {
        bar.update(done, extra);
        if (stopped) return;
        const seconds = (performance.now() - started) / 1000;
        const rate = seconds > 0 && done > 0 ? done / seconds : null;
        state.stage = { ...state.stage!, done, total, rate, etaSeconds: rate ? Math.max(0, (total - done) / rate) : null };
        write(false);
      },
      stop() {
        bar.stop();
        if (stopped) return;
        stopped = true;
        state.finished.push({ name, seconds: (performance.now() - started) / 1000, total, unit });
        state.stage = null;
        write(true);
      },
    };
  };
}
