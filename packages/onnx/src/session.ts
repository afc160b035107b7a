import os from 'node:os';
import * as ort from 'onnxruntime-node';

/** Devices a user may ask for, and the onnxruntime execution provider behind each. */
export const DEVICE_PROVIDERS = {
  cpu: 'cpu',
  webgpu: 'webgpu',
  cuda: 'cuda',
} as const;

export type Device = keyof typeof DEVICE_PROVIDERS;

export interface SessionOptions {
  device?: Device;
  /** Intra-op threads; defaults to the machine's cores. */
  threads?: number;
  /**
   * Let idle onnxruntime threads spin between runs (default true). Turn off when JS work follows
   * each run on the same cores: spinning threads steal the CPU from it (measured ~30% on SAE training).
   */
  spinning?: boolean;
  /** Called with a human-readable line when a device is unavailable and CPU is used instead. */
  onFallback?: (message: string) => void;
}

export interface CreatedSession {
  session: ort.InferenceSession;
  /** The device the session really runs on (after any fallback). */
  device: Device;
}

export class OnnxError extends Error {
  override name = 'OnnxError';
}

export function parseDevice(value: string): Device {
  if (value in DEVICE_PROVIDERS) return value as Device;
  throw new OnnxError(
    `Unknown device "${value}". Supported devices: ${Object.keys(DEVICE_PROVIDERS).join(', ')}.`,
  );
}

function baseOptions({ threads, spinning = true }: SessionOptions): ort.InferenceSession.SessionOptions {
  return {
    ...(spinning ? {} : { extra: { session: { intra_op: { allow_spinning: '0' } } } }),
    intraOpNumThreads: threads ?? os.availableParallelism(),
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
  };
}

/**
 * Creates an inference session on the requested device. A device whose provider cannot start
 * (no GPU, no Vulkan, CUDA files absent) falls back to CPU and says why, rather than failing.
 */
export async function createSession(
  model: string | Uint8Array,
  options: SessionOptions = {},
): Promise<CreatedSession> {
  const device = options.device ?? 'cpu';
  const provider = DEVICE_PROVIDERS[device];
  if (!provider) parseDevice(String(device));
  const sessionOptions = { ...baseOptions(options), executionProviders: [provider] };
  try {
    const session = await open(model, sessionOptions);
    return { session, device };
  } catch (error) {
    if (device === 'cpu') throw describeLoadError(model, error);
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const message = `Device "${device}" is unavailable (${reason}); running on CPU instead.`;
    (options.onFallback ?? ((line: string) => console.warn(line)))(message);
    const session = await open(model, { ...baseOptions(options), executionProviders: ['cpu'] });
    return { session, device: 'cpu' };
  }
}

function open(model: string | Uint8Array, options: ort.InferenceSession.SessionOptions) {
  return typeof model === 'string'
    ? ort.InferenceSession.create(model, options)
    : ort.InferenceSession.create(model, options);
}

function describeLoadError(model: string | Uint8Array, error: unknown): OnnxError {
  const what = typeof model === 'string' ? `ONNX file ${model}` : `in-memory ONNX graph (${model.byteLength} bytes)`;
  const reason = error instanceof Error ? error.message : String(error);
  return new OnnxError(`Could not load ${what}: ${reason}`);
}
