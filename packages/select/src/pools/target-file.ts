import { SelectError } from '../errors.ts';
import { SELECT_LIMITS } from '../limits.ts';
import { sampleText } from '../representation/sample-text.ts';
import { parsePoolCsv } from './parse-csv.ts';
import { parsePoolJsonl } from './parse-jsonl.ts';

/**
 * Target examples from a file: `.jsonl` / `.csv` in the pool format (every sample's text, or
 * prompt and response), anything else one example per non-empty line. Malformed records are
 * errors with their line numbers; an empty file is an empty target set.
 */
export function readTargetTexts(content: string, fileName: string): string[] {
  if (Buffer.byteLength(content) > SELECT_LIMITS.maxUploadBytes) {
    throw new SelectError(`The target file "${fileName}" is over ${SELECT_LIMITS.maxUploadBytes / 1024 / 1024} MiB; import it as a pool and give it as the target pool.`);
  }
  const extension = fileName.toLowerCase().match(/\.(jsonl|ndjson|csv)$/)?.[1];
  if (!extension) return content.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  const parsed = extension === 'csv' ? parsePoolCsv(content) : parsePoolJsonl(content);
  if (parsed.problems.length > 0) {
    const quoted = parsed.problems.slice(0, SELECT_LIMITS.quotedProblems).map((p) => `line ${p.line} ${p.message}`).join('; ');
    throw new SelectError(`${parsed.problems.length} malformed target ${parsed.problems.length === 1 ? 'record' : 'records'} in "${fileName}": ${quoted}. Fix them (the format is the pool's: "text", or "prompt" and "response").`);
  }
  return parsed.samples.map(sampleText);
}
