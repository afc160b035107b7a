import { benchmarkTraining } from '../../bench/train-speed.ts';
const [dIn, width] = (process.env.SHAPE ?? '256x4096').split('x').map(Number);
const r = await benchmarkTraining({ dIn, width, steps: Number(process.env.STEPS ?? 6), pipelineChunks: Number(process.env.CHUNKS ?? 4), ...(process.env.THREADS ? { threads: Number(process.env.THREADS) } : {}), log: (l) => console.log(l) });
console.log(JSON.stringify(r));
