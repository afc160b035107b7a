import { describe, expect, it } from 'vitest';
import { DEFAULT_HOOK_SCOPES, exposeOutputs, findHookPoints } from '../src/index.ts';
import { buildTinyGptGraph, makeTinyWeights, type TinyGptOptions } from './support/tiny-gpt.ts';

const weights = makeTinyWeights(40, { layerCount: 3 });
const graphOf = (options: TinyGptOptions = {}) => buildTinyGptGraph(weights, options).graph!;

describe('findHookPoints', () => {
  it('takes the last direct Add of a block as resid_post, ignoring Adds inside attn/ and mlp/', () => {
    const graph = graphOf();
    const found = findHookPoints(graph);
    expect(found.scope).toBe('/blocks.{layer}/');
    expect(found.layerCount).toBe(3);
    const byName = Object.fromEntries(found.hooks.map((hook) => [hook.name, hook.tensor]));
    expect(byName['blocks.0.hook_resid_pre']).toBe('/Add_output_0');
    expect(byName['blocks.0.hook_resid_mid']).toBe('/blocks.0/Add_output_0');
    expect(byName['blocks.0.hook_resid_post']).toBe('/blocks.0/Add_1_output_0');
    expect(byName['blocks.1.hook_resid_pre']).toBe('/blocks.0/Add_1_output_0');
    expect(byName['blocks.2.hook_resid_post']).toBe('/blocks.2/Add_1_output_0');
  });

  it('matches Optimum GPT-2 scopes and scopes named in config.json', () => {
    const hf = graphOf({ naming: 'hf-gpt2' });
    expect(findHookPoints(hf).scope).toBe('/transformer/h.{layer}/');
    expect(findHookPoints(hf, ['/transformer/h.{layer}/']).hooks.at(-1)?.tensor).toBe('/transformer/h.2/Add_1_output_0');
  });

  it('names the patterns it expected when no block matches', () => {
    const graph = graphOf();
    expect(() => findHookPoints(graph, ['/model/layers.{layer}/'])).toThrow(
      /Expected residual Add nodes named like "\/model\/layers\.0\/Add".*hook_scope/,
    );
    const renamed = { ...graph, node: graph.node!.map((node) => ({ ...node, name: `x${node.name}` })) };
    expect(() => findHookPoints(renamed)).toThrow(new RegExp(DEFAULT_HOOK_SCOPES.map((s) => s.replace(/[.{}/]/g, '\\$&')).join(', ')));
  });
});

describe('exposeOutputs', () => {
  it('adds hook outputs and drops everything after them, logits included', () => {
    const model = buildTinyGptGraph(weights);
    const hook = findHookPoints(model.graph!).hooks.find((h) => h.name === 'blocks.0.hook_resid_post')!;
    const edited = exposeOutputs(model, [{ tensor: hook.tensor, as: hook.name, width: 8 }], []);
    expect(edited.graph!.output!.map((o) => o.name)).toEqual(['blocks.0.hook_resid_post']);
    const names = edited.graph!.node!.map((node) => node.name);
    expect(names).toContain('/blocks.0/Add_1');
    expect(names.some((name) => name?.startsWith('/blocks.1/'))).toBe(false);
    expect(names).not.toContain('/MatMul');
    expect(edited.graph!.initializer!.some((t) => t.name === 'blocks.1.ln_1.weight')).toBe(false);
    expect(model.graph!.node!.length).toBeGreaterThan(names.length); // the original is untouched
    expect(model.graph!.output!.map((o) => o.name)).toEqual(['logits']);
  });
});
