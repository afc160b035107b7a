import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readTrainingTokenCounts, TOKEN_COUNTS_FILE } from '../src/index.ts';

// The committed demo LMs, by path: @atlas/model does not depend on @atlas/demo-model.
const demoModelDir = fileURLToPath(new URL('../../demo-model/', import.meta.url));
const demoModelBDir = fileURLToPath(new URL('../../demo-model/b/', import.meta.url));

describe('readTrainingTokenCounts', () => {
  it("reads the demo LMs' counts: their training split's 6,270,232 tokens (packages/demo-model/README.md)", () => {
    for (const dir of [demoModelDir, demoModelBDir]) {
      const counts = readTrainingTokenCounts({ dir, vocabSize: 4096 })!;
      expect(counts).toHaveLength(4096);
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(6_270_232);
      expect(counts[4095]).toBe(907); // <|endoftext|> ends each of the 907 training documents
      // Unused bytes and merges exist: the reason logit effects are restricted to seen tokens.
      expect(counts.filter((count) => count === 0).length).toBeGreaterThan(0);
    }
  });

  it('is null for a folder without the file, and names a file that does not fit the vocabulary', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'token-counts-'));
    expect(readTrainingTokenCounts({ dir, vocabSize: 3 })).toBeNull();
    writeFileSync(path.join(dir, TOKEN_COUNTS_FILE), JSON.stringify({ counts: [1, 2] }));
    expect(() => readTrainingTokenCounts({ dir, vocabSize: 3 })).toThrow(/one non-negative number per token id \(3 ids\)/);
    writeFileSync(path.join(dir, TOKEN_COUNTS_FILE), '{');
    expect(() => readTrainingTokenCounts({ dir, vocabSize: 3 })).toThrow(/is not JSON/);
  });
});
