// Times atlasMapLayout on random unit decoder rows: `npx tsx packages/features/scripts/atlas-map-timing.ts 4096 16384`.
import { mulberry32 } from '@atlas/random';
import { atlasMapLayout } from '../src/atlas-map.ts';

const dIn = 256;
for (const width of process.argv.slice(2).map(Number)) {
  const random = mulberry32(width);
  const decoder = Float32Array.from({ length: width * dIn }, () => random() * 2 - 1);
  const started = performance.now();
  let graphSeconds = 0;
  await atlasMapLayout(decoder, dIn, {
    onProgress: (done, total) => {
      if (graphSeconds === 0) graphSeconds = (performance.now() - started) / 1000;
      if (done === total) console.log(`  ${total} epochs`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(`${width} features × ${dIn}: ${seconds.toFixed(1)} s (kNN graph + UMAP init ${graphSeconds.toFixed(1)} s)`);
}
