import { createHash } from 'node:crypto';
import path from 'node:path';
import { acquirePidLock, type PidLock } from '@atlas/db';
import { UserError } from './errors.ts';

/**
 * One build per SAE per work folder at a time: a second build of the same SAE refuses at once
 * rather than redo hours of work only to find the atlas up to date at the ingest. Across
 * machines sharing one Postgres, the ingest's advisory lock still serialises the writes.
 */
export function lockBuild(workDir: string, saeId: string): Promise<PidLock> {
  const file = path.join(workDir, 'locks', `${createHash('sha256').update(saeId).digest('hex').slice(0, 16)}.lock`);
  return acquirePidLock(file, `build of ${saeId}`, (holder) => new UserError(
    `Another build of ${saeId} is running (pid ${holder.pid}, since ${holder.startedAt}). Wait for it to finish: ` +
      `this run would then find the atlas up to date. If that process is gone, delete ${file}.`,
    { code: 'CONFLICT' },
  ));
}
