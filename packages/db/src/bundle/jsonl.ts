import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';

export type WrittenFile = { rows: number; bytes: number; sha256: string };

export interface JsonlWriter {
  /** One JSON text per line; waits when the file stream is behind, so memory stays flat. */
  write(line: string): Promise<void>;
  close(): Promise<WrittenFile>;
}

/** A gzipped JSON-lines file, hashed as it is written (the checksum is of the bytes on disk). */
export function openJsonlWriter(file: string): JsonlWriter {
  const gzip = createGzip();
  const hash = createHash('sha256');
  let bytes = 0;
  let rows = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const written = pipeline(gzip, tap, createWriteStream(file));
  written.catch(() => {}); // Surfaced by close(); a write after a failure rejects there too.
  return {
    async write(line) {
      rows += 1;
      if (!gzip.write(`${line}\n`)) await Promise.race([once(gzip, 'drain'), written]);
    },
    async close() {
      gzip.end();
      await written;
      return { rows, bytes, sha256: hash.digest('hex') };
    },
  };
}

export async function sha256OfFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Parses every line of a gzipped JSON-lines file. */
export async function readJsonl(file: string): Promise<unknown[]> {
  const rows: unknown[] = [];
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.length > 0) rows.push(JSON.parse(line));
  }
  return rows;
}
