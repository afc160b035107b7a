import { createPool, type AtlasDb, type NewPoolSample, type PoolFormat, type PoolRow } from '@atlas/db';
import { SelectError } from '../errors.ts';
import { SELECT_LIMITS } from '../limits.ts';
import { parsePoolCsv } from './parse-csv.ts';
import { parsePoolJsonl } from './parse-jsonl.ts';
import type { LineProblem, ParsedSamples } from './pool-sample.ts';

export type UploadFormat = 'jsonl' | 'csv';

export interface ImportPoolOptions {
  /** The pool's id: letters, digits, `.`, `_`, `-` (up to 128). */
  id: string;
  name?: string;
  description?: string;
  /** The file's bytes or text (UTF-8). */
  content: string | Uint8Array;
  /** Defaults to the file name's extension. */
  format?: UploadFormat;
  fileName?: string;
  /** Import the valid samples when some lines are malformed (they are reported, never silently dropped). */
  skipMalformed?: boolean;
  createdBy?: number;
}

export interface ImportPoolResult {
  pool: PoolRow;
  imported: number;
  /** Malformed lines left out (only with `skipMalformed`). */
  skipped: LineProblem[];
}

const POOL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * Imports a JSONL or CSV upload as a new pool, in one transaction. Malformed lines are errors
 * with their line numbers (nothing is imported) unless `skipMalformed` is set; a file over
 * `SELECT_LIMITS.maxUploadBytes` is refused before it is parsed.
 */
export async function importPool(db: AtlasDb, options: ImportPoolOptions): Promise<ImportPoolResult> {
  checkPoolId(options.id);
  const bytes = typeof options.content === 'string' ? Buffer.byteLength(options.content) : options.content.byteLength;
  if (bytes > SELECT_LIMITS.maxUploadBytes) {
    throw new SelectError(
      `The upload has ${mib(bytes)}; the limit is ${mib(SELECT_LIMITS.maxUploadBytes)}. Split it into several pools or remove long samples.`,
    );
  }
  const format = options.format ?? formatOf(options.fileName);
  const content = typeof options.content === 'string' ? options.content : new TextDecoder('utf-8', { fatal: false }).decode(options.content);
  const parsed = format === 'csv' ? parsePoolCsv(content) : parsePoolJsonl(content);
  checkProblems(parsed, format, options.skipMalformed ?? false);
  const pool = await storePool(db, {
    id: options.id,
    name: options.name ?? options.fileName ?? options.id,
    description: options.description ?? null,
    format: parsed.format,
    source: options.fileName ? `upload:${options.fileName}` : `upload:${format}`,
    createdBy: options.createdBy ?? null,
  }, parsed.samples);
  return { pool, imported: parsed.samples.length, skipped: parsed.problems };
}

/** Stores a pool after the checks every pool gets (id, at least one sample, the sample limit). */
export async function storePool(
  db: AtlasDb,
  pool: { id: string; name: string; description?: string | null; format: PoolFormat; source: string; createdBy?: number | null },
  samples: NewPoolSample[],
): Promise<PoolRow> {
  checkPoolId(pool.id);
  if (samples.length === 0) throw new SelectError(`Pool "${pool.id}" would have no samples; give at least one.`);
  if (samples.length > SELECT_LIMITS.maxPoolSamples) {
    throw new SelectError(`Pool "${pool.id}" would have ${samples.length.toLocaleString('en-US')} samples; the limit is ${SELECT_LIMITS.maxPoolSamples.toLocaleString('en-US')}. Split it.`);
  }
  return createPool(db, pool, samples);
}

export function checkPoolId(id: string): void {
  if (!POOL_ID.test(id)) {
    throw new SelectError(`Pool id ${JSON.stringify(id)} is not valid: use 1–128 letters, digits, ".", "_" or "-", starting with a letter or digit.`);
  }
}

function formatOf(fileName: string | undefined): UploadFormat {
  const extension = fileName?.toLowerCase().match(/\.(jsonl|ndjson|csv)$/)?.[1];
  if (extension === 'csv') return 'csv';
  if (extension === 'jsonl' || extension === 'ndjson') return 'jsonl';
  throw new SelectError(`Say whether ${fileName ? `"${fileName}"` : 'the upload'} is JSONL or CSV (format "jsonl" or "csv", or a .jsonl / .csv file name).`);
}

function checkProblems(parsed: ParsedSamples, format: UploadFormat, skipMalformed: boolean): void {
  const { problems } = parsed;
  if (problems.length === 0) return;
  const fatal = problems.some((problem) => problem.fatal);
  if (skipMalformed && !fatal && parsed.samples.length > 0) return;
  const quoted = problems.slice(0, SELECT_LIMITS.quotedProblems).map((problem) => `- line ${problem.line} ${problem.message}`);
  const more = problems.length > quoted.length ? [`- … and ${problems.length - quoted.length} more`] : [];
  const fix = fatal
    ? 'Fix the quoting first: records after a broken quote cannot be read reliably, so the file is refused even when malformed lines may be skipped.'
    : parsed.samples.length === 0
      ? `No line is a valid sample: each ${format === 'csv' ? 'record needs a "text" column (or "prompt" and "response")' : 'line must be a JSON object with "text" (or "prompt" and "response")'}.`
      : `Fix these lines, or import the ${parsed.samples.length} valid samples and skip them (skipMalformed).`;
  throw new SelectError(`${problems.length} malformed ${problems.length === 1 ? 'line' : 'lines'} in the ${format.toUpperCase()} upload:\n${[...quoted, ...more].join('\n')}\n${fix}`);
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
