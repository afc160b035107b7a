import DataLoader from 'dataloader';
import { describe, expect, it } from 'vitest';
import { abortable } from '../src/batch-results.ts';
import { cancelled } from '../src/errors.ts';

describe('abortable batch functions', () => {
  it('run while the request lives and, once it is cancelled, reject with the reason without querying', async () => {
    const controller = new AbortController();
    const queried: number[][] = [];
    const loader = new DataLoader<number, number>(abortable(controller.signal, async (keys) => {
      queried.push([...keys]);
      return keys.map((key) => key * 2);
    }), { cache: false });
    expect(await loader.load(2)).toBe(4);
    const reason = cancelled('The client closed the connection before the answer was sent.');
    controller.abort(reason);
    await expect(loader.load(3)).rejects.toBe(reason);
    expect(queried).toEqual([[2]]);
  });
});
