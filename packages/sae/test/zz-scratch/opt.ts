import { wasmKernels } from '../../src/kernels/choose-kernels.ts';
import { transposeInto } from '../../src/matrix.ts';
import { normaliseRows, removeParallelGradient } from '../../src/decoder-norm.ts';
import { adamHyper } from '../../src/adam.ts';
const dIn = 512, width = 8192, n = dIn * width;
const K = wasmKernels(8 * n, 8)!;
const a = K.alloc(n), b = K.alloc(n), m = K.alloc(n), v = K.alloc(n);
a.forEach((_, i) => { a[i] = Math.random(); b[i] = Math.random(); });
const rows = Int32Array.from({ length: width }, (_, i) => i);
function t(name: string, f: () => void) { f(); const s = performance.now(); for (let r = 0; r < 5; r++) f(); console.log(name, ((performance.now() - s) / 5).toFixed(1), 'ms'); }
t('transpose', () => transposeInto(a, b, width, dIn));
t('adam wasm', () => K.adam(a, b, m, v, adamHyper(1e-3, 3)));
t('normalise', () => normaliseRows(K, a, dIn));
t('removeParallel', () => removeParallelGradient(K, a, b, rows, width, dIn));
t('fill', () => b.fill(0));
