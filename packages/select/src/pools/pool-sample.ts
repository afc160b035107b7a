import type { NewPoolSample, PoolFormat } from '@atlas/db';
import { SELECT_LIMITS } from '../limits.ts';

/** A problem with one line (JSONL) or record (CSV) of an upload. */
export interface LineProblem {
  /** 1-based line of the file where the record starts. */
  line: number;
  message: string;
  /**
   * The parser lost track of where records end (a broken CSV quote): records after it may be
   * merged or cut, so the file is refused even when malformed lines may be skipped.
   */
  fatal?: boolean;
}

export interface ParsedSamples {
  format: PoolFormat;
  samples: NewPoolSample[];
  /** Malformed records, in file order. */
  problems: LineProblem[];
}

const TEXT_FIELDS = ['text'] as const;
const PAIR_FIELDS = ['prompt', 'response'] as const;
const RESERVED = new Set(['id', ...TEXT_FIELDS, ...PAIR_FIELDS]);

/**
 * One record (a JSONL object or a CSV row by header) → a sample, or the reason it is not one.
 * A record has `text`, or `prompt` and `response`; `id` is optional (the line number stands in);
 * every other field is kept as metadata.
 */
export function recordToSample(record: Record<string, unknown>, line: number): NewPoolSample | string {
  const hasText = present(record.text);
  const hasPair = present(record.prompt) || present(record.response);
  if (hasText && hasPair) return 'has both "text" and "prompt"/"response"; give one or the other';
  let text: string;
  let response: string | null = null;
  if (hasText) {
    if (typeof record.text !== 'string') return `"text" must be a string, got ${typeName(record.text)}`;
    text = record.text;
  } else if (hasPair) {
    if (typeof record.prompt !== 'string' || record.prompt.trim() === '') return '"prompt" must be a non-empty string';
    if (typeof record.response !== 'string' || record.response.trim() === '') return '"response" must be a non-empty string';
    text = record.prompt;
    response = record.response;
  } else {
    return 'has no "text" (or "prompt" and "response") field';
  }
  if (text.trim() === '') return '"text" is empty';
  const length = text.length + (response?.length ?? 0);
  if (length > SELECT_LIMITS.maxSampleCharacters) {
    return `the sample has ${length.toLocaleString('en-US')} characters; the limit is ${SELECT_LIMITS.maxSampleCharacters.toLocaleString('en-US')} (split it into several samples)`;
  }
  if (text.includes('\u0000') || response?.includes('\u0000')) return 'the text contains a NUL character';
  let externalId = String(line);
  if (record.id !== undefined && record.id !== null && record.id !== '') {
    if (typeof record.id !== 'string' && typeof record.id !== 'number') return `"id" must be a string or a number, got ${typeName(record.id)}`;
    externalId = String(record.id);
  }
  const metadata = Object.fromEntries(Object.entries(record).filter(([key]) => !RESERVED.has(key)));
  return { externalId, text, response, metadata: Object.keys(metadata).length > 0 ? metadata : null };
}

/**
 * Adds a record's sample, or its problem, keeping ids unique and one format (text or pair)
 * per pool: the first valid record decides it.
 */
export class SampleCollector {
  readonly samples: NewPoolSample[] = [];
  readonly problems: LineProblem[] = [];
  #format: PoolFormat | undefined;
  readonly #lineOfId = new Map<string, number>();

  add(record: Record<string, unknown>, line: number): void {
    const sample = recordToSample(record, line);
    if (typeof sample === 'string') return this.problem(line, sample);
    const format: PoolFormat = sample.response === null ? 'text' : 'pair';
    this.#format ??= format;
    if (format !== this.#format) {
      return this.problem(line, `is a ${format === 'pair' ? 'prompt/response pair' : 'plain text'} but the pool's first sample was ${this.#format === 'pair' ? 'a pair' : 'plain text'}; one pool holds one kind`);
    }
    const earlier = this.#lineOfId.get(sample.externalId);
    if (earlier !== undefined) return this.problem(line, `repeats id "${sample.externalId}" of line ${earlier}`);
    this.#lineOfId.set(sample.externalId, line);
    this.samples.push(sample);
  }

  problem(line: number, message: string, fatal = false): void {
    const last = this.problems.at(-1);
    if (last?.line === line) {
      last.fatal ||= fatal;
      return;
    }
    this.problems.push(fatal ? { line, message, fatal } : { line, message });
  }

  result(): ParsedSamples {
    return { format: this.#format ?? 'text', samples: this.samples, problems: this.problems };
  }
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
