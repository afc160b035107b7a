import { writeFile } from 'node:fs/promises';

/** Writes a `.npy` file as numpy does: magic, version, a space-padded header dict ending in \n (64-byte aligned), data. */
export async function writeNpy(
  path: string,
  data: Float32Array | Uint16Array,
  shape: number[],
  { descr = data instanceof Float32Array ? '<f4' : '<f2', version = 1, fortran = false } = {},
): Promise<void> {
  const dict = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const fixed = version === 1 ? 10 : 12;
  const total = Math.ceil((fixed + dict.length + 1) / 64) * 64;
  const header = Buffer.alloc(total, 0x20);
  header.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  if (version === 1) header.writeUInt16LE(total - fixed, 8);
  else header.writeUInt32LE(total - fixed, 8);
  header.write(dict, fixed, 'latin1');
  header[total - 1] = 0x0a;
  await writeFile(path, Buffer.concat([header, Buffer.from(data.buffer, data.byteOffset, data.byteLength)]));
}
