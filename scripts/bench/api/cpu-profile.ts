import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/** Where a frame's code lives: a package under node_modules, our source, Node itself, or V8's (GC, idle). */
function owner(url: string, functionName: string): string {
  if (!url) return `(${functionName || 'native'})`;
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  if (url.startsWith('node:')) return 'node';
  const repo = /\/(apps|packages)\/([^/]+)\//.exec(url);
  return repo ? `${repo[1]}/${repo[2]}` : url;
}

/** Self time by owner and by function, from the main thread's .cpuprofile in `dir`, as shares of all samples. */
export function summariseCpuProfile(dir: string, top = 12): { byOwner: [string, number][]; byFunction: [string, number][] } {
  // The main thread's profile is the largest (tsx's loader runs in a worker with its own, small one).
  const file = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))
    .sort((a, b) => statSync(path.join(dir, b)).size - statSync(path.join(dir, a)).size)[0];
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Profile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfByNode = new Map<number, number>();
  profile.samples.forEach((id, i) => selfByNode.set(id, (selfByNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfByNode.values()].reduce((sum, value) => sum + value, 0);
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, time] of selfByNode) {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    const who = owner(url, functionName);
    byOwner.set(who, (byOwner.get(who) ?? 0) + time);
    const name = `${functionName || '(anonymous)'} ${url ? `${who}:${lineNumber + 1}` : ''}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + time);
  }
  const ranked = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, time]) => [name, time / total] as [string, number]);
  return { byOwner: ranked(byOwner), byFunction: ranked(byFunction) };
}

/** Prints `summariseCpuProfile(dir, top)` under `title` (what was profiled): self time by owner, then the top functions. */
export function printCpuProfile(title: string, dir: string, top?: number): void {
  const { byOwner, byFunction } = summariseCpuProfile(dir, top);
  console.log('');
  console.log(`CPU profile of ${title} (${dir}), self time:`);
  for (const [who, share] of byOwner) console.log(`- ${(share * 100).toFixed(1)}% ${who}`);
  console.log('Top functions:');
  for (const [name, share] of byFunction) console.log(`- ${(share * 100).toFixed(1)}% ${name}`);
}
