import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquirePidLock, openDatabase } from '../src/index.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'atlas-lock-'));
const busy = (holder: { pid: number }) => new Error(`held by pid ${holder.pid}`);

describe('acquirePidLock', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses while a live process holds the lock, and takes it over once that process is gone', async () => {
    const file = path.join(dir, 'a.lock');
    const holder = spawn('sleep', ['30']);
    writeFileSync(file, JSON.stringify({ pid: holder.pid, startedAt: 'now', what: 'test' }));
    await expect(acquirePidLock(file, 'test', busy)).rejects.toThrow(`held by pid ${holder.pid}`);
    holder.kill('SIGKILL');
    await once(holder, 'exit');
    const lock = await acquirePidLock(file, 'test', busy);
    await expect(acquirePidLock(file, 'test', busy)).rejects.toThrow(`held by pid ${process.pid}`);
    await lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it('keeps a second opener off a PGlite data folder until the first closes it', async () => {
    const dataDir = path.join(dir, 'pgdata');
    const first = await openDatabase({ dataDir });
    await expect(openDatabase({ dataDir })).rejects.toThrow(/open in another process \(pid \d+.*set DATABASE_URL/);
    await first.close();
    const second = await openDatabase({ dataDir });
    await second.close();
  });
});
