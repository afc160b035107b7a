import { trainSae } from '../../src/index.ts';
import { syntheticData } from '../helpers/fixtures.ts';
const dIn = 16, features = 12;
const { data, directions } = syntheticData(dIn, features, 3, 4096, 11);
for (const [lr, epochs] of [[1e-2, 40], [undefined, 40], [1e-2, 20], [3e-3, 40]] as const) {
  const { sae, metrics } = await trainSae({ activations: data, rows: 4096, dIn, architecture: 'topk', width: 24, k: 3, batchSize: 256, epochs, lr, seed: 3 });
  const cos: number[] = [];
  for (let f = 0; f < features; f++) { let m = -1; for (let j = 0; j < 24; j++) { let s = 0; for (let d = 0; d < dIn; d++) s += directions[f*dIn+d]! * sae.W_dec[j*dIn+d]!; m = Math.max(m, s); } cos.push(m); }
  console.log(lr, epochs, metrics.fvu.toFixed(4), metrics.l0, metrics.deadFraction, Math.min(...cos).toFixed(4), metrics.seconds.toFixed(2));
}
