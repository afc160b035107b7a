import { execFile, type ExecFileOptions } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

/** The `atlas` CLI entry, run with this Node like a user would run `npx atlas`. */
export const atlasBin = path.resolve(import.meta.dirname, '../../bin/atlas.mjs');

export interface AtlasRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `atlas` CLI; resolves with its exit code and output either way. */
export async function runAtlas(args: string[], options: ExecFileOptions = {}): Promise<AtlasRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [atlasBin, ...args], { ...options, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as AtlasRun;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
