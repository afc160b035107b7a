import { describe, expect, it } from 'vitest';
import { inMemorySource } from '@atlas/activations';
import type { ActivationSource } from '@atlas/activations';
import { trainSae } from '../../src/index.ts';
import { ShuffleBuffer } from '../../src/training/shuffle-buffer.ts';
import { syntheticData } from '../helpers/fixtures.ts';

/** Wraps a source, recording every read (start, count). */
function countingSource(inner: ActivationSource) {
  const reads: Array<[number, number]> = [];
  const source: ActivationSource = {
    rows: inner.rows, dIn: inner.dIn, description: 'counting source',
    read: (start, count, out) => {
      reads.push([start, count]);
      return inner.read(start, count, out);
    },
    close: () => inner.close(),
  };
  return { source, reads };
}

/** Rows whose values are their own index, so a batch shows which rows it holds. */
function indexRows(rows: number, dIn: number): ActivationSource {
  return inMemorySource(Float32Array.from({ length: rows * dIn }, (_, i) => Math.floor(i / dIn)), rows, dIn);
}

async function drawRows(buffer: ShuffleBuffer, batches: number, dIn: number): Promise<number[]> {
  const drawn: number[] = [];
  for (let b = 0; b < batches; b++) {
    const batch = await buffer.next();
    for (let r = 0; r < buffer.batchSize; r++) drawn.push(batch[r * dIn]!);
  }
  return drawn;
}

describe('ShuffleBuffer', () => {
  it('visits every row exactly once per epoch, in a shuffled order, holding at most bufferRows rows', async () => {
    const { source, reads } = countingSource(indexRows(1000, 2));
    const buffer = new ShuffleBuffer(source, 50, 300, 1);
    const drawn = await drawRows(buffer, 40, 2); // 2 epochs
    for (const epoch of [drawn.slice(0, 1000), drawn.slice(1000)]) {
      expect([...epoch].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
      expect(epoch).not.toEqual([...epoch].sort((a, b) => a - b));
    }
    expect(Math.max(...reads.map(([, count]) => count))).toBeLessThanOrEqual(300);
  });

  it('after seek(n) continues exactly as a buffer that has drawn n rows', async () => {
    const straight = new ShuffleBuffer(indexRows(1000, 2), 50, 300, 3);
    const all = await drawRows(straight, 50, 2);
    for (const batches of [1, 6, 20, 27]) {
      const resumed = new ShuffleBuffer(indexRows(1000, 2), 50, 300, 3);
      resumed.seek(batches * 50);
      expect(await drawRows(resumed, 50 - batches, 2)).toEqual(all.slice(batches * 50));
    }
  });
});

describe('trainSae from an ActivationSource', () => {
  const dIn = 16;
  const rows = 6000;
  const { data } = syntheticData(dIn, 12, 3, rows, 4);
  const common = {
    dIn, architecture: 'topk', width: 24, k: 3, batchSize: 200, epochs: 2, seed: 8, shuffleBufferRows: 1000, evaluationRows: 500,
  } as const;

  it('streams through a shuffle buffer: no read is larger than the buffer, and each row is read once per epoch', async () => {
    const { source, reads } = countingSource(inMemorySource(data, rows, dIn));
    const { metrics } = await trainSae({ ...common, activations: source });
    expect(Math.max(...reads.map(([, count]) => count))).toBeLessThanOrEqual(1000);
    const rowsRead = reads.reduce((sum, [, count]) => sum + count, 0);
    // 2 epochs of training plus the 500 evaluation rows (one read each).
    expect(rowsRead).toBe(2 * rows + 500);
    expect(metrics.fvu).toBeLessThan(0.3);
  });

  it('gives the same SAE as the same rows passed as a Float32Array', async () => {
    const fromSource = await trainSae({ ...common, activations: inMemorySource(data, rows, dIn) });
    const fromArray = await trainSae({ ...common, activations: data, rows });
    expect(fromSource.sae.W_dec).toEqual(fromArray.sae.W_dec);
    expect(fromSource.sae.W_enc).toEqual(fromArray.sae.W_enc);
  });

  it('says when rows or dIn disagree with the source', async () => {
    const source = inMemorySource(data, rows, dIn);
    await expect(trainSae({ ...common, activations: source, rows: 10 })).rejects.toThrow('rows is 10 but in-memory activations holds 6000 rows');
    await expect(trainSae({ ...common, activations: source, dIn: 8 })).rejects.toThrow('dIn is 8 but in-memory activations has rows of 16 values');
  });
});
