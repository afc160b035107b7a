/**
 * A hand-assembled WebAssembly module (SIMD128) with the three vector kernels of the sparse
 * backward pass. Written as bytes so no toolchain is needed; each kernel is checked against
 * the plain TypeScript kernels in the tests.
 *
 *   axpy(dst, src, a, n)              dst[0..n) += a · src[0..n)
 *   dot(x, y, n) → f32                Σ x·y
 *   dotAxpy(g, w, acc, a, n) → f32    returns Σ g·w and does acc += a · g
 *   adam(p, g, m, v, n, β1, β2, lr·c1, c2, ε)
 *                                     m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
 *                                     p −= lr·c1·m / (sqrt(c2·v) + ε)   (c1, c2: bias corrections)
 *
 * Pointers are byte offsets into the imported memory `env.memory`. n must be a multiple of 8
 * (the loops take 8 floats per turn, as two 4-lane vectors), for adam a multiple of 4.
 */

const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;

const op = {
  block: 0x02, loop: 0x03, end: 0x0b, brIf: 0x0d,
  localGet: 0x20, localSet: 0x21, localTee: 0x22,
  i32Const: 0x41, i32Add: 0x6a, i32Shl: 0x74, i32LtU: 0x49, i32GeU: 0x4f, f32Add: 0x92,
};
const simd = (code: number): number[] => [0xfd, ...uleb(code)];
const v128Load = (offset: number) => [...simd(0x00), 2, ...uleb(offset)];
const v128Store = (offset: number) => [...simd(0x0b), 2, ...uleb(offset)];
const f32x4Splat = simd(0x13);
const f32x4ExtractLane = (lane: number) => [...simd(0x1f), lane];
const f32x4Sqrt = simd(0xe3);
const f32x4Add = simd(0xe4);
const f32x4Sub = simd(0xe5);
const f32x4Mul = simd(0xe6);
const f32x4Div = simd(0xe7);

function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function sleb(value: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const vector = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (text: string): number[] => [...uleb(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];
const get = (local: number) => [op.localGet, local];
const set = (local: number) => [op.localSet, local];

/** local = local + bytes */
const advance = (local: number, bytes = 32) => [...get(local), op.i32Const, ...sleb(bytes), op.i32Add, ...set(local)];

/** end = start + 4·n */
const endPointer = (start: number, n: number, end: number) => [
  ...get(start), ...get(n), op.i32Const, 2, op.i32Shl, op.i32Add, ...set(end),
];

/** The loop skeleton: `while (p < end) { body; }` for a pointer p already compared once. */
const loopWhile = (pointer: number, end: number, body: number[]) => [
  op.block, 0x40,
  ...get(pointer), ...get(end), op.i32GeU, op.brIf, 0,
  op.loop, 0x40, ...body, ...get(pointer), ...get(end), op.i32LtU, op.brIf, 0, op.end,
  op.end,
];

/** Horizontal sum of a v128 local as f32 on the stack. */
const laneSum = (local: number) => [
  ...get(local), ...f32x4ExtractLane(0), ...get(local), ...f32x4ExtractLane(1), op.f32Add,
  ...get(local), ...f32x4ExtractLane(2), op.f32Add, ...get(local), ...f32x4ExtractLane(3), op.f32Add,
];

function axpyBody(): number[] {
  // params: 0 dst, 1 src, 2 a (f32), 3 n; locals: 4 end (i32), 5 av (v128)
  const step = (offset: number) => [
    ...get(0), ...get(0), ...v128Load(offset), ...get(1), ...v128Load(offset), ...get(5), ...f32x4Mul, ...f32x4Add,
    ...v128Store(offset),
  ];
  return [
    ...endPointer(0, 3, 4), ...get(2), ...f32x4Splat, ...set(5),
    ...loopWhile(0, 4, [...step(0), ...step(16), ...advance(0), ...advance(1)]),
  ];
}

function dotBody(): number[] {
  // params: 0 x, 1 y, 2 n; locals: 3 end (i32), 4 acc0, 5 acc1 (v128)
  const step = (offset: number, acc: number) => [
    ...get(acc), ...get(0), ...v128Load(offset), ...get(1), ...v128Load(offset), ...f32x4Mul, ...f32x4Add, ...set(acc),
  ];
  return [
    ...endPointer(0, 2, 3),
    ...loopWhile(0, 3, [...step(0, 4), ...step(16, 5), ...advance(0), ...advance(1)]),
    ...get(4), ...get(5), ...f32x4Add, ...set(4), ...laneSum(4),
  ];
}

function dotAxpyBody(): number[] {
  // params: 0 g, 1 w, 2 acc, 3 a (f32), 4 n; locals: 5 end (i32), 6 av, 7 sum0, 8 sum1, 9 gv (v128)
  const step = (offset: number, sum: number) => [
    ...get(0), ...v128Load(offset), ...set(9),
    ...get(sum), ...get(9), ...get(1), ...v128Load(offset), ...f32x4Mul, ...f32x4Add, ...set(sum),
    ...get(2), ...get(2), ...v128Load(offset), ...get(9), ...get(6), ...f32x4Mul, ...f32x4Add, ...v128Store(offset),
  ];
  return [
    ...endPointer(0, 4, 5), ...get(3), ...f32x4Splat, ...set(6),
    ...loopWhile(0, 5, [...step(0, 7), ...step(16, 8), ...advance(0), ...advance(1), ...advance(2)]),
    ...get(7), ...get(8), ...f32x4Add, ...set(7), ...laneSum(7),
  ];
}

function adamBody(): number[] {
  // params: 0 p, 1 g, 2 m, 3 v, 4 n (i32), 5 β1, 6 β2, 7 lr·c1, 8 c2, 9 ε (f32)
  // locals: 10 end (i32); 11 β1, 12 1−β1, 13 β2, 14 1−β2, 15 lr·c1, 16 c2, 17 ε, 18 g, 19 m, 20 v (v128)
  const splat = (param: number, local: number) => [...get(param), ...f32x4Splat, ...set(local)];
  const one = [...simd(0x0c), ...new Array(4).fill([0x00, 0x00, 0x80, 0x3f]).flat()]; // v128.const f32x4(1,1,1,1)
  const complement = (param: number, local: number) => [...one, ...get(param), ...f32x4Splat, ...f32x4Sub, ...set(local)];
  const body = [
    ...get(1), ...v128Load(0), ...set(18),
    // m = β1·m + (1−β1)·g
    ...get(11), ...get(2), ...v128Load(0), ...f32x4Mul, ...get(12), ...get(18), ...f32x4Mul, ...f32x4Add, ...set(19),
    ...get(2), ...get(19), ...v128Store(0),
    // v = β2·v + (1−β2)·g·g
    ...get(13), ...get(3), ...v128Load(0), ...f32x4Mul, ...get(14), ...get(18), ...f32x4Mul, ...get(18), ...f32x4Mul,
    ...f32x4Add, ...set(20),
    ...get(3), ...get(20), ...v128Store(0),
    // p −= lr·c1·m / (sqrt(c2·v) + ε)
    ...get(0), ...get(0), ...v128Load(0),
    ...get(15), ...get(19), ...f32x4Mul,
    ...get(16), ...get(20), ...f32x4Mul, ...f32x4Sqrt, ...get(17), ...f32x4Add,
    ...f32x4Div, ...f32x4Sub, ...v128Store(0),
    ...advance(0, 16), ...advance(1, 16), ...advance(2, 16), ...advance(3, 16),
  ];
  return [
    ...endPointer(0, 4, 10),
    ...splat(5, 11), ...complement(5, 12), ...splat(6, 13), ...complement(6, 14),
    ...splat(7, 15), ...splat(8, 16), ...splat(9, 17),
    ...loopWhile(0, 10, body),
  ];
}

function functionCode(locals: Array<[count: number, type: number]>, body: number[]): number[] {
  const code = [...vector(locals.map(([count, type]) => [...uleb(count), type])), ...body, op.end];
  return [...uleb(code.length), ...code];
}

export function kernelModuleBytes(): Uint8Array {
  const types = vector([
    [0x60, ...vector([[I32], [I32], [F32], [I32]]), ...vector([])],
    [0x60, ...vector([[I32], [I32], [I32]]), ...vector([[F32]])],
    [0x60, ...vector([[I32], [I32], [I32], [F32], [I32]]), ...vector([[F32]])],
    [0x60, ...vector([[I32], [I32], [I32], [I32], [I32], [F32], [F32], [F32], [F32], [F32]]), ...vector([])],
  ]);
  const imports = vector([[...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(1)]]);
  const functions = vector([[0], [1], [2], [3]]);
  const exports = vector([
    [...name('axpy'), 0x00, 0],
    [...name('dot'), 0x00, 1],
    [...name('dotAxpy'), 0x00, 2],
    [...name('adam'), 0x00, 3],
  ]);
  const code = vector([
    functionCode([[1, I32], [1, V128]], axpyBody()),
    functionCode([[1, I32], [2, V128]], dotBody()),
    functionCode([[1, I32], [4, V128]], dotAxpyBody()),
    functionCode([[1, I32], [10, V128]], adamBody()),
  ]);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, types), ...section(2, imports), ...section(3, functions), ...section(7, exports), ...section(10, code),
  ]);
}
