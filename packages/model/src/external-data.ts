import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { isAbsolute, join, normalize } from 'node:path';
import { decodeModel, onnx } from '@atlas/onnx';
import { ModelError } from './errors.ts';

/** Where one initializer's bytes sit in an external-data file. */
export interface ExternalSlice {
  /** Absolute path of the data file. */
  path: string;
  /** The `location` as the graph writes it (relative to the .onnx file's folder). */
  location: string;
  offset: number;
  length: number;
}

/** Whether the tensor's bytes are in an external-data file rather than the graph. */
export function isExternal(tensor: onnx.ITensorProto): boolean {
  return tensor.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL;
}

/**
 * Checks every initializer the graph keeps in external-data files (`model.onnx_data`, as Optimum
 * writes them): a `location` inside `onnxDir`, the file present, the byte range inside it. The
 * weights themselves stay in the files — onnxruntime reads them for each session (see
 * `createSession`'s `externalDataDir`) — so this reads only file sizes. Returns the bytes held
 * externally (0 when the weights are all in the graph).
 */
export function checkExternalData(model: onnx.IModelProto, onnxDir: string): number {
  const sizes = new Map<string, number>();
  let total = 0;
  for (const tensor of model.graph?.initializer ?? []) {
    if (isExternal(tensor)) total += locateExternal(tensor, onnxDir, sizes).length;
  }
  return total;
}

/** The file and byte range of an external initializer, checked against the file's size. */
export function locateExternal(tensor: onnx.ITensorProto, onnxDir: string, sizes = new Map<string, number>()): ExternalSlice {
  const entries = new Map((tensor.externalData ?? []).map((entry) => [entry.key ?? '', entry.value ?? '']));
  const location = entries.get('location') ?? '';
  const relative = normalize(location);
  if (!location || isAbsolute(location) || relative.startsWith('..')) {
    throw new ModelError(`Initializer ${tensor.name} points at external data "${location}", which is not a file inside ${onnxDir}.`);
  }
  const path = join(onnxDir, relative);
  let size = sizes.get(path);
  if (size === undefined) {
    if (!existsSync(path)) {
      throw new ModelError(`The ONNX graph keeps weights in ${relative}, but ${path} is missing. Put the external-data file beside the .onnx file.`);
    }
    size = statSync(path).size;
    sizes.set(path, size);
  }
  const offset = Number(entries.get('offset') ?? 0);
  const length = entries.has('length') ? Number(entries.get('length')) : size - offset;
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > size) {
    throw new ModelError(`Initializer ${tensor.name} reads bytes ${offset}–${offset + length} of ${relative}, which has only ${size}.`);
  }
  return { path, location: relative, offset, length };
}

/** One external initializer's bytes, read from its data file by offset and length (not the whole file). */
export function readExternalBytes(tensor: onnx.ITensorProto, onnxDir: string): Uint8Array<ArrayBuffer> {
  const { path, offset, length } = locateExternal(tensor, onnxDir);
  const bytes = new Uint8Array(length);
  const fd = openSync(path, 'r');
  try {
    for (let done = 0; done < length; ) {
      const read = readSync(fd, bytes, done, length - done, offset + done);
      if (read === 0) throw new ModelError(`${path} ended before byte ${offset + length} while reading ${tensor.name}.`);
      done += read;
    }
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/** Protobuf's hard limit on one serialized message, hence on a single .onnx file. */
const PROTOBUF_LIMIT = 2 ** 31 - 1;

/**
 * Decodes the .onnx file. Weights in external-data files are left there (only their references
 * are decoded); a single file over protobuf's 2 GB cannot be decoded at all.
 */
export function readGraphFile(onnxPath: string): onnx.IModelProto {
  const size = statSync(onnxPath).size;
  if (size > PROTOBUF_LIMIT) {
    throw new ModelError(
      `${onnxPath} is ${(size / 2 ** 30).toFixed(1)} GB, over protobuf's 2 GB limit for one ONNX file. Save the weights ` +
        `as external data beside it (onnx.save_model(model, path, save_as_external_data=True), as Optimum does for large ` +
        `models): graphs with external data load at any size, onnxruntime reading the weights from the data file.`,
    );
  }
  return decodeModel(readFileSync(onnxPath));
}
