import { AtlasError } from '@atlas/errors';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';

const require = createRequire(import.meta.url);

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
  /**
   * Folder that the graph's external-data `location`s are relative to. Needed when the graph is
   * passed as bytes (onnxruntime otherwise refuses them): weights stay in their files, which
   * onnxruntime reads itself, so edited graphs are not bound by protobuf's 2 GB limit.
   */
  externalDataDir?: string;
  /** Called with a human-readable line when a device is unavailable and CPU is used instead. */
  onFallback?: (message: string) => void;
}

export interface CreatedSession {
  session: ort.InferenceSession;
  /** The device the session really runs on (after any fallback). */
  device: Device;
}

export class OnnxError extends AtlasError {
  static override defaultCode = 'BAD_USER_INPUT' as const;
  override readonly name = 'OnnxError';
}

export function parseDevice(value: string): Device {
  if (value in DEVICE_PROVIDERS) return value as Device;
  throw new OnnxError(
    `Unknown device "${value}". Supported devices: ${Object.keys(DEVICE_PROVIDERS).join(', ')}.`,
  );
}

function baseOptions({ threads, spinning = true, externalDataDir }: SessionOptions): ort.InferenceSession.SessionOptions {
  // `extra` becomes session config entries, nested keys joined by dots (onnxruntime_session_options_config_keys.h).
  const session = {
    ...(spinning ? {} : { intra_op: { allow_spinning: '0' } }),
    ...(externalDataDir === undefined ? {} : { model_external_initializers_file_folder_path: externalDataDir }),
  };
  return {
    ...(Object.keys(session).length > 0 ? { extra: { session } } : {}),
    intraOpNumThreads: threads ?? os.availableParallelism(),
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
  };
}

/** Devices found unavailable in this process, with the reason: later sessions go straight to CPU. */
const unavailable = new Map<Device, string>();

/**
 * Creates an inference session on the requested device. A device whose provider cannot start
 * (no GPU, no Vulkan, CUDA files absent) falls back to CPU and says why, rather than failing:
 * `onFallback` hears every fallback; without it, one warning per device per process goes to stderr.
 */
export async function createSession(
  model: string | Uint8Array,
  options: SessionOptions = {},
): Promise<CreatedSession> {
  const device = options.device ?? 'cpu';
  const provider = DEVICE_PROVIDERS[device];
  if (!provider) parseDevice(String(device));
  let reason = unavailable.get(device) ?? missingProviderFiles(device);
  if (!reason) {
    try {
      const session = await open(model, { ...baseOptions(options), executionProviders: [provider] });
      return { session, device };
    } catch (error) {
      if (device === 'cpu') throw describeLoadError(model, error);
      reason = explainProviderError(device, error);
    }
  }
  const message = `${device}: ${reason}; running on CPU.`;
  if (options.onFallback) options.onFallback(message);
  else if (!unavailable.has(device)) console.warn(message);
  unavailable.set(device, reason);
  const session = await open(model, { ...baseOptions(options), executionProviders: ['cpu'] });
  return { session, device: 'cpu' };
}

/**
 * CUDA needs provider libraries beside onnxruntime-node's binding, which its npm package only
 * downloads on request; checking for them first gives a clear reason instead of a native error.
 */
function missingProviderFiles(device: Device): string | undefined {
  if (device !== 'cuda' || process.platform !== 'linux') return undefined;
  const bindingDir = path.join(path.dirname(require.resolve('onnxruntime-node')), '..', 'bin', 'napi-v6', process.platform, process.arch);
  const files = ['libonnxruntime_providers_shared.so', 'libonnxruntime_providers_cuda.so'];
  const missing = files.filter((file) => !existsSync(path.join(bindingDir, file)));
  if (missing.length === 0) return undefined;
  return `the CUDA execution provider files (${missing.join(', ')}) are not in ${path.normalize(bindingDir)}`;
}

/** One line saying why a provider failed to start. */
function explainProviderError(device: Device, error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (device === 'webgpu' && /WebGPU adapter|No supported adapters/i.test(text)) {
    return 'no WebGPU adapter found (WebGPU in onnxruntime-node needs a GPU with Vulkan drivers)';
  }
  if (device === 'cuda' && /Failed to load shared library|providers_cuda|libcudart|libcublas|libcudnn/i.test(text)) {
    return `the CUDA execution provider could not load its libraries (${text.split('\n')[0]}); CUDA 12 and cuDNN 9 must be installed`;
  }
  return text.split('\n')[0]!.slice(0, 300);
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
