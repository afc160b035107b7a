import { SampleCollector, type ParsedSamples } from './pool-sample.ts';

/**
 * JSON lines: one object per line (`{"text": …}` or `{"prompt": …, "response": …}`, optional
 * `id`, other fields kept as metadata). Blank lines are skipped; every other line that is not
 * such an object is a problem with its line number.
 */
export function parsePoolJsonl(content: string): ParsedSamples {
  const collector = new SampleCollector();
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/^\uFEFF/, '');
    if (line.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      collector.problem(i + 1, `is not valid JSON (${(error as Error).message})`);
      continue;
    }
    if (!record || typeof record !== 'object' || Array.isArray(record)) {
      collector.problem(i + 1, 'is not a JSON object');
      continue;
    }
    collector.add(record as Record<string, unknown>, i + 1);
  }
  return collector.result();
}
