import { CsvError, parse } from 'csv-parse/sync';
import { SampleCollector, type ParsedSamples } from './pool-sample.ts';

/**
 * CSV with a header row naming the columns (`text`, or `prompt` and `response`; optional `id`;
 * other columns kept as metadata), parsed by csv-parse (RFC 4180 quoting, BOM, CRLF). A record
 * with the wrong number of fields is a problem with its line number and parsing goes on after
 * it; a broken quote is a fatal problem (records after it cannot be trusted).
 */
export function parsePoolCsv(content: string): ParsedSamples {
  const collector = new SampleCollector();
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(content, {
      bom: true,
      columns: (header: string[]) => header.map((name) => name.trim()),
      skip_empty_lines: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined) => {
        if (error) collector.problem(recordLine(error), describe(error), isQuoteError(error));
      },
    }) as { record: Record<string, string>; info: { lines: number } }[];
  } catch (error) {
    // Errors that end parsing (an unclosed quote at the end, a bad header) keep their line.
    if (error instanceof CsvError) {
      collector.problem(recordLine(error), describe(error), true);
      return collector.result();
    }
    throw error;
  }
  for (const { record, info } of records) collector.add(record, info.lines);
  return collector.result();
}

/** The line where the record began (csv-parse reports the line it was reading). */
function recordLine(error: CsvError): number {
  const context = error as CsvError & { lines?: number; record?: unknown };
  return context.lines ?? 0;
}

function isQuoteError(error: CsvError): boolean {
  return error.code.includes('QUOTE');
}

function describe(error: CsvError): string {
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      return `has a different number of fields than the header (${error.message.replace(/^Invalid Record Length: /, '')})`;
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'opens a quote that is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'has characters after a closing quote (double a quote inside a quoted field: "")';
    default:
      return `is not valid CSV (${error.message})`;
  }
}
