import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyClientOf } from '../../drivers/copy-client.ts';
import { IngestInputError } from '../../errors.ts';
import type { AtlasDb } from '../../orm.ts';
import { formatReal, type PgArrayType } from '../../sql/arrays.ts';
import { insertUnnest, type BulkColumn } from '../../sql/bulk.ts';

/** Rows per chunk handed to the COPY stream (a few hundred KB of text). */
const COPY_CHUNK_ROWS = 8192;

/**
 * Bulk-loads rows into `table`: `COPY … FROM STDIN` inside the caller's transaction when the
 * driver offers a dedicated Postgres client, else one `insert … select * from unnest(…)`
 * statement (PGlite, where it measured as fast as COPY from a blob).
 */
export async function bulkInsert(tx: AtlasDb, table: string, columns: readonly BulkColumn[]): Promise<void> {
  const client = copyClientOf(tx);
  if (client) await copyRows(client, table, columns);
  else await insertUnnest(tx, table, columns);
}

/** Streams the rows to the server as COPY text, chunk by chunk, on `client`'s open transaction. */
export async function copyRows(client: pg.ClientBase, table: string, columns: readonly BulkColumn[]): Promise<void> {
  await pipeline(Readable.from(copyTextChunks(columns)), client.query(copyFrom(copyStatement(table, columns))));
}

export function copyStatement(table: string, columns: readonly BulkColumn[]): string {
  return `copy "${table}" (${columns.map((column) => `"${column.name}"`).join(', ')}) from stdin`;
}

/** COPY's text format: tab-separated fields, one row per line, backslash escapes in text. */
export function* copyTextChunks(columns: readonly BulkColumn[]): Generator<string> {
  const rows = columns[0]?.values.length ?? 0;
  for (const column of columns) {
    if (column.values.length !== rows) {
      throw new RangeError(`copy: column ${column.name} has ${column.values.length} values, ${columns[0]!.name} has ${rows}`);
    }
  }
  const formats = columns.map((column) => fieldFormat(column.type));
  for (let start = 0; start < rows; start += COPY_CHUNK_ROWS) {
    const end = Math.min(start + COPY_CHUNK_ROWS, rows);
    const lines = new Array<string>(end - start);
    for (let row = start; row < end; row++) {
      lines[row - start] = columns.map((column, c) => formats[c]!(column.values[row] as number | string, row)).join('\t');
    }
    yield `${lines.join('\n')}\n`;
  }
}

function fieldFormat(type: PgArrayType): (value: number | string, row: number) => string {
  if (type === 'text') return (value) => escapeText(value as string);
  return (value, row) => {
    const v = value as number;
    // The same checks as the unnest path (pgArray), so both drivers reject the same input.
    if (!Number.isFinite(v) || (type !== 'real' && !Number.isInteger(v))) {
      throw new IngestInputError(`not a finite ${type}: ${v} (element ${row}); the atlas stores finite numbers only (look for NaN or ∞ upstream)`);
    }
    return type === 'real' ? formatReal(v) : String(v);
  };
}

function escapeText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (char) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[char]!);
}
