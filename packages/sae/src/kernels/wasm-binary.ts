/**
 * A hand-assembled WebAssembly module (SIMD128) with the three vector kernels of the sparse
 * backward pass. Written as bytes so no toolchain is needed; each kernel is checked against
 * the plain TypeScript kernels in the tests.
 *
 *   axpy(dst, src, a, n)              dst[0..n) += a · src[0..n)
 *   axpy4(dst, s1, s2, s3, s4, a1, a2, a3, a4, n)
 *                                     dst += a1·s1, then += a2·s2, a3·s3, a4·s4 (rounded after
 *                                     each, as four axpy calls; dst is loaded and stored once)
 *   residualRow(x, x̂, b, g, c, gb, colSum, sums, scale, n)
 *                                     per element, in float64 as the TypeScript loop does: e = x̂ − x,
 *                                     sums[0] += e², sums[1] += x², colSum += x, g = scale·e,
 *                                     gb += scale·e, c = x − b (c may be x itself)
 *   dot(x, y, n) → f32                Σ x·y
 *   dot4(y, x1, x2, x3, x4, out, n)   out[r] = Σ x_r·y as f64 (each summed as `dot` does; y loaded once)
 *   dotAxpy(g, w, acc, a, n) → f32    returns Σ g·w and does acc += a · g
 *   adam(p, g, m, v, n, β1, β2, lr·c1, c2, ε)
 *                                     m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
 *                                     p −= lr·c1·m / (sqrt(c2·v) + ε)   (c1, c2: bias corrections);
 *                                     g = 0 (consumed: saves zeroing it in another pass)
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
  f32Load: 0x2a, f64Load: 0x2b, f32Store: 0x38, f64Store: 0x39,
  f64Add: 0xa0, f64Sub: 0xa1, f64Mul: 0xa2, f32DemoteF64: 0xb6, f64PromoteF32: 0xbb,
};
const F64 = 0x7c;
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

function axpy4Body(): number[] {
  // params: 0 dst, 1..4 s1..s4, 5..8 a1..a4 (f32), 9 n; locals: 10 end (i32), 11..14 a1..a4, 15 acc (v128)
  const term = (source: number, offset: number) => [
    ...get(15), ...get(source), ...v128Load(offset), ...get(source + 10), ...f32x4Mul, ...f32x4Add, ...set(15),
  ];
  const step = (offset: number) => [
    ...get(0), ...v128Load(offset), ...set(15),
    ...term(1, offset), ...term(2, offset), ...term(3, offset), ...term(4, offset),
    ...get(0), ...get(15), ...v128Store(offset),
  ];
  const splats = [5, 6, 7, 8].flatMap((param) => [...get(param), ...f32x4Splat, ...set(param + 6)]);
  return [
    ...endPointer(0, 9, 10), ...splats,
    ...loopWhile(0, 10, [...step(0), ...step(16), ...[0, 1, 2, 3, 4].flatMap((pointer) => advance(pointer))]),
  ];
}

function residualRowBody(): number[] {
  // params: 0 x, 1 x̂, 2 b, 3 g, 4 c, 5 gb, 6 colSum, 7 sums (i32), 8 scale (f64), 9 n (i32)
  // locals: 10 end (i32); 11 se, 12 ss, 13 xd, 14 e, 15 ge (f64)
  const f32Load = [op.f32Load, 2, 0];
  const f32Store = [op.f32Store, 2, 0];
  const f64Load = (offset: number) => [op.f64Load, 3, ...uleb(offset)];
  const f64Store = (offset: number) => [op.f64Store, 3, ...uleb(offset)];
  const body = [
    ...get(0), ...f32Load, op.f64PromoteF32, ...set(13),
    ...get(1), ...f32Load, op.f64PromoteF32, ...get(13), op.f64Sub, ...set(14),
    ...get(11), ...get(14), ...get(14), op.f64Mul, op.f64Add, ...set(11),
    ...get(12), ...get(13), ...get(13), op.f64Mul, op.f64Add, ...set(12),
    ...get(6), ...get(6), ...f64Load(0), ...get(13), op.f64Add, ...f64Store(0),
    ...get(8), ...get(14), op.f64Mul, ...set(15),
    ...get(3), ...get(15), op.f32DemoteF64, ...f32Store,
    ...get(5), ...get(5), ...f32Load, op.f64PromoteF32, ...get(15), op.f64Add, op.f32DemoteF64, ...f32Store,
    ...get(4), ...get(13), ...get(2), ...f32Load, op.f64PromoteF32, op.f64Sub, op.f32DemoteF64, ...f32Store,
    ...[0, 1, 2, 3, 4, 5].flatMap((pointer) => advance(pointer, 4)), ...advance(6, 8),
  ];
  return [
    ...endPointer(0, 9, 10),
    ...get(7), ...f64Load(0), ...set(11), ...get(7), ...f64Load(8), ...set(12),
    ...loopWhile(0, 10, body),
    ...get(7), ...get(11), ...f64Store(0), ...get(7), ...get(12), ...f64Store(8),
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

function dot4Body(): number[] {
  // params: 0 y, 1..4 x1..x4, 5 out, 6 n; locals: 7 end (i32), 8..15 sums (two per row), 16 y (v128)
  const step = (offset: number, half: number) => [
    ...get(0), ...v128Load(offset), ...set(16),
    ...[0, 1, 2, 3].flatMap((r) => [
      ...get(8 + 2 * r + half), ...get(1 + r), ...v128Load(offset), ...get(16), ...f32x4Mul, ...f32x4Add, ...set(8 + 2 * r + half),
    ]),
  ];
  const store = (r: number) => [
    ...get(5), ...get(8 + 2 * r), ...get(9 + 2 * r), ...f32x4Add, ...set(8 + 2 * r), ...laneSum(8 + 2 * r),
    op.f64PromoteF32, op.f64Store, 3, ...uleb(8 * r),
  ];
  return [
    ...endPointer(0, 6, 7),
    ...loopWhile(0, 7, [...step(0, 0), ...step(16, 1), ...[0, 1, 2, 3, 4].flatMap((pointer) => advance(pointer))]),
    ...[0, 1, 2, 3].flatMap(store),
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
  const zero = [...simd(0x0c), ...new Array(16).fill(0x00)]; // v128.const 0
  const body = [
    ...get(1), ...v128Load(0), ...set(18),
    ...get(1), ...zero, ...v128Store(0),
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
    [0x60, ...vector([[I32], [I32], [I32], [I32], [I32], [F32], [F32], [F32], [F32], [I32]]), ...vector([])],
    [0x60, ...vector([[I32], [I32], [I32], [I32], [I32], [I32], [I32], [I32], [F64], [I32]]), ...vector([])],
    [0x60, ...vector([[I32], [I32], [I32], [I32], [I32], [I32], [I32]]), ...vector([])],
  ]);
  const imports = vector([[...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(1)]]);
  const functions = vector([[0], [1], [2], [3], [4], [5], [6]]);
  const exports = vector([
    [...name('axpy'), 0x00, 0],
    [...name('dot'), 0x00, 1],
    [...name('dotAxpy'), 0x00, 2],
    [...name('adam'), 0x00, 3],
    [...name('axpy4'), 0x00, 4],
    [...name('residualRow'), 0x00, 5],
    [...name('dot4'), 0x00, 6],
  ]);
  const code = vector([
    functionCode([[1, I32], [1, V128]], axpyBody()),
    functionCode([[1, I32], [2, V128]], dotBody()),
    functionCode([[1, I32], [4, V128]], dotAxpyBody()),
    functionCode([[1, I32], [10, V128]], adamBody()),
    functionCode([[1, I32], [5, V128]], axpy4Body()),
    functionCode([[1, I32], [5, F64]], residualRowBody()),
    functionCode([[1, I32], [9, V128]], dot4Body()),
  ]);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, types), ...section(2, imports), ...section(3, functions), ...section(7, exports), ...section(10, code),
  ]);
}
