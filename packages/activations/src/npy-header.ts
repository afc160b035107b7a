import { ActivationFileError } from './activation-file-error.ts';

/** What an activation matrix in a `.npy` file needs: its element type, shape and where data starts. */
export interface NpyHeader {
  dtype: 'F32' | 'F16';
  shape: number[];
  /** Byte offset of the first element. */
  dataStart: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
const DESCRS: Record<string, NpyHeader['dtype']> = { '<f4': 'F32', '<f2': 'F16' };

/** Bytes to read from the start of a `.npy` file to be sure of the fixed part of its header. */
export const NPY_PREAMBLE_BYTES = 12;

/** Total header length (magic, version, length field, dict) from the file's first 12 bytes. */
export function npyHeaderLength(preamble: Uint8Array, file: string): number {
  if (preamble.byteLength < 10 || MAGIC.some((byte, i) => preamble[i] !== byte)) {
    throw new ActivationFileError(`${file}: not a .npy file (no \\x93NUMPY magic; truncated or another format).`);
  }
  const major = preamble[6]!;
  const view = new DataView(preamble.buffer, preamble.byteOffset, preamble.byteLength);
  if (major === 1) return 10 + view.getUint16(8, true);
  if ((major === 2 || major === 3) && preamble.byteLength >= 12) return 12 + view.getUint32(8, true);
  throw new ActivationFileError(`${file}: .npy format version ${major}.${preamble[7]} is not supported (1.0, 2.0 and 3.0 are).`);
}

/**
 * Parses the header dict (`{'descr': '<f4', 'fortran_order': False, 'shape': (N, D), }`) of a
 * `.npy` file, given its first `npyHeaderLength` bytes. Only little-endian float32/float16
 * 2-D arrays in C order are activation matrices.
 */
export function parseNpyHeader(header: Uint8Array, file: string): NpyHeader {
  const dataStart = npyHeaderLength(header, file);
  const text = new TextDecoder(header[6] === 3 ? 'utf-8' : 'latin1').decode(header.subarray(header[6] === 1 ? 10 : 12, dataStart));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new ActivationFileError(`${file}: the .npy header is not a dict with descr, fortran_order and shape (corrupt file): ${text.trim()}`);
  }
  const dtype = DESCRS[descr];
  if (!dtype) {
    throw new ActivationFileError(
      `${file}: dtype '${descr}' is not supported; activations must be '<f4' (float32) or '<f2' (float16). ` +
        `Convert with arr.astype(np.float32).`,
    );
  }
  if (fortran === 'True') {
    throw new ActivationFileError(`${file}: the array is in Fortran order; save it in C order (np.save(path, np.ascontiguousarray(arr))).`);
  }
  const shape = shapeText.split(',').map((part) => part.trim()).filter((part) => part !== '').map(Number);
  if (shape.some((d) => !Number.isSafeInteger(d) || d < 0)) {
    throw new ActivationFileError(`${file}: the .npy shape (${shapeText}) is not a tuple of integers (corrupt file).`);
  }
  return { dtype, shape, dataStart };
}
