import type { SelectionEmbedder } from '../../src/index.ts';

/**
 * A small real embedder for tests: hashed character trigrams, 64 dimensions, L2-normalised
 * (texts sharing spelling are near). The embedding method's contract, not its quality, is tested.
 */
export function trigramEmbedder(dimensions = 64): SelectionEmbedder {
  return {
    id: { name: 'trigram-hash', version: '1', checksum: `dims-${dimensions}` },
    async embed(texts) {
      return texts.map((text) => {
        const vector = new Float32Array(dimensions);
        const padded = ` ${text.toLowerCase()} `;
        for (let i = 0; i + 3 <= padded.length; i++) {
          let h = 2166136261;
          for (let j = i; j < i + 3; j++) h = Math.imul(h ^ padded.charCodeAt(j), 16777619);
          vector[(h >>> 0) % dimensions]! += (h & 1) === 0 ? 1 : -1;
        }
        const norm = Math.hypot(...vector) || 1;
        return vector.map((v) => v / norm);
      });
    },
  };
}
