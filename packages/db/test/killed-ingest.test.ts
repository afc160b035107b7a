import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteIncompleteBuilds, getSaeBuild, listSaes, openDatabase } from '../src/index.ts';
import { activations, contexts, features } from '../src/schema/index.ts';
import { SAE_ID } from './fixtures.ts';

describe('an ingest killed midway', () => {
  let child: ChildProcess | undefined;
  let dir: string | undefined;
  afterAll(async () => {
    child?.kill('SIGKILL');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('leaves nothing visible after the database is reopened', async () => {
    dir = await mkdtemp(join(tmpdir(), 'atlas-killed-'));
    const dataDir = join(dir, 'pgdata');
    // node --import tsx (not the tsx binary) so the pid we kill is the one writing the database.
    const script = join(import.meta.dirname, 'support/ingest-child.ts');
    const running = spawn(process.execPath, ['--import', 'tsx', script, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    child = running;
    const outcome = await new Promise<string>((resolve) => {
      running.stdout?.on('data', (data: Buffer) => {
        if (String(data).includes('loading')) {
          running.kill('SIGKILL');
          resolve('killed');
        } else if (String(data).includes('done')) resolve('finished');
      });
      running.on('exit', (code) => resolve(`exited ${code}`));
    });
    expect(outcome).toBe('killed');
    await new Promise((resolve) => running.once('exit', resolve).once('close', resolve));

    const db = await openDatabase({ dataDir });
    try {
      expect(await listSaes(db)).toEqual([]);
      expect(await getSaeBuild(db, SAE_ID)).toBeNull();
      for (const table of [features, activations, contexts]) {
        const [row] = await db.orm.select({ n: count() }).from(table);
        expect(row?.n).toBe(0);
      }
      expect(await deleteIncompleteBuilds(db)).toBe(0);
    } finally {
      await db.close();
    }
  });
});
