import * as ort from 'onnxruntime-node';
import { OnnxError } from './session.ts';

export type Feeds = Record<string, ort.Tensor>;

function describeFeeds(feeds: Feeds): string {
  return Object.entries(feeds)
    .map(([name, tensor]) => `${name}: ${tensor.type}[${tensor.dims.join(', ')}]`)
    .join('; ');
}

/**
 * Runs a session after checking that the feeds name exactly the graph's inputs; when the run
 * itself fails, the error lists every input's dtype and shape, which is what one needs to debug it.
 */
export async function runChecked(
  session: ort.InferenceSession,
  feeds: Feeds,
  outputNames?: readonly string[],
): Promise<Record<string, ort.Tensor>> {
  const expected = new Set(session.inputNames);
  const given = Object.keys(feeds);
  const missing = [...expected].filter((name) => !given.includes(name));
  const unknown = given.filter((name) => !expected.has(name));
  if (missing.length > 0 || unknown.length > 0) {
    throw new OnnxError(
      `Inputs do not match the graph. Missing: [${missing.join(', ')}]; unknown: [${unknown.join(', ')}]; ` +
        `the graph takes: [${session.inputNames.join(', ')}].`,
    );
  }
  if (outputNames) {
    const outputs = new Set(session.outputNames);
    const bad = outputNames.filter((name) => !outputs.has(name));
    if (bad.length > 0) {
      throw new OnnxError(`Unknown outputs [${bad.join(', ')}]; the graph has: [${session.outputNames.join(', ')}].`);
    }
  }
  try {
    return outputNames ? await session.run(feeds, outputNames as string[]) : await session.run(feeds);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new OnnxError(`ONNX run failed: ${reason}. Inputs were ${describeFeeds(feeds)}.`);
  }
}

export { ort };
