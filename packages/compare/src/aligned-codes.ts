import { batchContexts, packSequences, tokenizeDocuments, type LanguageModel } from '@atlas/model';
import type { SaeWeights } from '@atlas/sae';
import { createEncoder } from '@atlas/sae';
import { CodeTableBuilder, type CodeTable } from './code-table.ts';
import { CompareError } from './compare-error.ts';
import { breathe, throwIfAborted } from './control.ts';
import type { RunControl } from './result.ts';
import { requireSameTokenizer } from './tokenizer-check.ts';

/** One side of a cross-model comparison: a model, the hook its SAE reads, and the SAE. */
export interface ModelSide {
  model: LanguageModel;
  hook: string;
  sae: SaeWeights;
}

export interface AlignedCodesOptions extends RunControl {
  documents: Iterable<{ id: string; text: string }>;
  /** Tokens to run (whole contexts of `seqLen`). */
  tokens: number;
  /** Context length (default 64). */
  seqLen?: number;
  /** Contexts per model run (default 16). */
  batchSize?: number;
}

function hookWidth(side: ModelSide): number {
  const point = side.model.hookPoints.find((hook) => hook.name === side.hook);
  if (!point) throw new CompareError(`Unknown hook "${side.hook}" for the model in ${side.model.dir}. It has: ${side.model.hookNames.join(', ')}.`);
  if (point.width !== side.sae.cfg.dIn) {
    throw new CompareError(`The SAE reads d_in ${side.sae.cfg.dIn} but ${side.hook} of the model in ${side.model.dir} is ${point.width} wide.`);
  }
  return point.width;
}

/**
 * Both SAEs' codes over the same tokens: the corpus is tokenized once (the models must share a
 * tokenizer), packed into contexts, and each batch runs through both models; only sparse codes
 * are kept, never the activations (memory: 8 bytes per firing per side).
 */
export async function collectAlignedCodes(a: ModelSide, b: ModelSide, options: AlignedCodesOptions): Promise<{ codesA: CodeTable; codesB: CodeTable }> {
  if (a.model.dir !== b.model.dir) await requireSameTokenizer(a.model.dir, b.model.dir);
  hookWidth(a);
  hookWidth(b);
  const seqLen = options.seqLen ?? 64;
  if (seqLen > Math.min(a.model.contextLength, b.model.contextLength)) {
    throw new CompareError(`seqLen ${seqLen} exceeds a model's context length (${a.model.contextLength}, ${b.model.contextLength}).`);
  }
  const eosTokenId = a.model.eosTokenId;
  if (eosTokenId === null) throw new CompareError(`The model in ${a.model.dir} names no EOS token; documents cannot be separated.`);
  const contextCount = Math.floor(options.tokens / seqLen);
  if (contextCount < 1) throw new CompareError(`tokens ${options.tokens} is less than one context of ${seqLen} tokens.`);
  const rows = contextCount * seqLen;
  const encoders = await Promise.all([a, b].map((side) => createEncoder(side.sae, options.threads ? { threads: options.threads } : {})));
  const builders = [a, b].map((side, s) => new CodeTableBuilder(side.sae.cfg.width, rows, encoders[s]!.slots));
  const contexts = packSequences(tokenizeDocuments(a.model, options.documents), seqLen, { eosTokenId });
  let done = 0;
  try {
    for (const group of batchContexts(limit(contexts, contextCount), options.batchSize ?? 16)) {
      throwIfAborted(options);
      const count = group.batch * seqLen;
      for (const [s, side] of [a, b].entries()) {
        const { activations } = await side.model.run({ inputIds: group.inputIds, batch: group.batch, seqLen, hooks: [side.hook] });
        builders[s]!.add(await encoders[s]!.encode(activations[side.hook]!, count), count);
      }
      done += count;
      options.onProgress?.({ stage: 'codes over the shared tokens', done, total: rows });
      await breathe();
    }
  } finally {
    await Promise.all(encoders.map((encoder) => encoder.close()));
  }
  if (done < rows) throw new CompareError(`The corpus has only ${done} tokens in whole ${seqLen}-token contexts; asked for ${options.tokens}.`);
  return { codesA: builders[0]!.finish(), codesB: builders[1]!.finish() };
}

function* limit<T>(items: Iterable<T>, count: number): Generator<T> {
  let taken = 0;
  for (const item of items) {
    if (taken++ >= count) return;
    yield item;
  }
}
