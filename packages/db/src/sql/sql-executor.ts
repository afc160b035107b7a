import { sql, type SQL } from 'drizzle-orm';
import type { AtlasDb } from '../orm.ts';

/** Runs SQL text with `$n` parameters, as libraries that take a `{ executeSql }` executor (pg-boss) call it. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * An executor on `db` — or on a transaction from `db.transaction`, so a library's statements
 * commit or roll back with the caller's (pg-boss's `send(…, { db })` inside the transaction that
 * records the job). Each `$n` becomes a bound parameter; the text must not hold `$n` inside
 * string literals or dollar-quoted bodies (pg-boss's job statements do not).
 */
export function sqlExecutor(db: AtlasDb): SqlExecutor {
  return {
    async executeSql(text, values = []) {
      const chunks: SQL[] = [];
      let last = 0;
      for (const match of text.matchAll(/\$(\d+)/g)) {
        chunks.push(sql.raw(text.slice(last, match.index)), sql`${sql.param(values[Number(match[1]) - 1])}`);
        last = match.index + match[0].length;
      }
      chunks.push(sql.raw(text.slice(last)));
      return (await db.orm.execute(sql.join(chunks))) as unknown as { rows: unknown[] };
    },
  };
}
