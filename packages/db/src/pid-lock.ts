import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export type LockHolder = { pid: number; startedAt: string; what: string };

export interface PidLock {
  release(): Promise<void>;
}

/**
 * An exclusive lock between processes on one machine: `file` is created with O_EXCL and holds
 * the owner's pid, so a lock left by a killed process is taken over. `busy` builds the error
 * thrown when a live process (this one included) holds it.
 */
export async function acquirePidLock(file: string, what: string, busy: (holder: LockHolder) => Error): Promise<PidLock> {
  await mkdir(path.dirname(file), { recursive: true });
  const owner: LockHolder = { pid: process.pid, startedAt: new Date().toISOString(), what };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await writeFile(file, JSON.stringify(owner), { flag: 'wx' });
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(file);
    if (holder === 'unreadable') {
      await new Promise((resolve) => setTimeout(resolve, 50)); // Being written this instant: look again.
      continue;
    }
    if (holder && isRunning(holder.pid)) throw busy(holder);
    await rm(file, { force: true }); // Left by a process that is gone: take it over.
  }
  throw busy({ pid: 0, startedAt: 'unknown', what: `lock ${file} keeps changing hands` });
}

async function readHolder(file: string): Promise<LockHolder | 'unreadable' | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LockHolder;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : 'unreadable';
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
