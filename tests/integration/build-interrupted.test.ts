import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getSaeBuild, listSaes, openDatabase } from '@atlas/db';
import { TINY_CORPUS } from '../support/tiny-atlas.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const childScript = path.join(repoRoot, 'tests/support/build-tiny-cli.ts');

/** Runs the tiny build; with killMidTransaction, SIGKILLs it inside the database transaction. */
function runBuild(args: string[], killMidTransaction = false): Promise<{ output: string; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...(killMidTransaction ? { PAUSE_IN_TRANSACTION: '1' } : {}) };
    // node --import tsx (not the tsx binary, which runs the script in a child of its own) so the
    // pid killed is the one holding the database.
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let killed = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (killMidTransaction && !killed && output.includes('PAUSED in transaction')) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!killed && code !== 0) reject(new Error(`build exited with ${code}:\n${output}`));
      else resolve({ output, killed });
    });
  });
}

function resultOf(output: string): { saeId: string; skipped: boolean; rows: Record<string, number> } {
  const line = output.split('\n').find((entry) => entry.startsWith('RESULT '));
  if (!line) throw new Error(`no result in:\n${output}`);
  return JSON.parse(line.slice('RESULT '.length));
}

describe('an interrupted build', () => {
  it('leaves nothing half-built visible and finishes with the same rows as a clean build', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'atlas-kill-'));
    const corpus = path.join(root, 'corpus.txt');
    writeFileSync(corpus, TINY_CORPUS);

    const clean = resultOf((await runBuild([path.join(root, 'clean-db'), path.join(root, 'clean-work'), corpus])).output);

    const dataDir = path.join(root, 'db');
    const workDir = path.join(root, 'work');
    const interrupted = await runBuild([dataDir, workDir, corpus], true);
    expect(interrupted.killed).toBe(true);

    const db = await openDatabase({ dataDir });
    try {
      expect(await listSaes(db)).toEqual([]);
      const build = await getSaeBuild(db, clean.saeId);
      expect(build?.status ?? 'none').not.toBe('complete');
    } finally {
      await db.close();
    }

    const resumed = await runBuild([dataDir, workDir, corpus]);
    expect(resumed.output).toMatch(/Reusing activations/);
    const finished = resultOf(resumed.output);
    expect(finished.skipped).toBe(false);
    expect(finished.rows).toEqual(clean.rows);

    const again = resultOf((await runBuild([dataDir, workDir, corpus])).output);
    expect(again.skipped).toBe(true);
    const reopened = await openDatabase({ dataDir });
    try {
      expect((await listSaes(reopened)).map((sae) => sae.id)).toEqual([clean.saeId]);
    } finally {
      await reopened.close();
    }
  });
});
