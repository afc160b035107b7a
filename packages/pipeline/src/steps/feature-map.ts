import { atlasMapLayout, type AtlasMapPoint } from '@atlas/features';
import type { SaeWeights } from '@atlas/sae';
import type { ProgressFactory } from '../progress.ts';

/** The SAE's 2-D map (UMAP of the decoder rows, kNN graph in onnxruntime), with an epoch progress bar. */
export async function computeFeatureMap(
  sae: SaeWeights,
  { progress, log, seed }: { progress: ProgressFactory; log: (line: string) => void; seed: number },
): Promise<AtlasMapPoint[]> {
  const started = performance.now();
  let bar: ReturnType<ProgressFactory> | undefined;
  try {
    const points = await atlasMapLayout(sae.W_dec, sae.cfg.dIn, {
      seed,
      onProgress: (done, total) => {
        bar ??= progress('feature map (UMAP)', total, 'epochs');
        bar.update(done);
      },
    });
    bar?.stop();
    log(`Feature map of ${points.length} features in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    return points;
  } finally {
    bar?.stop();
  }
}
