// `npm run bench:label-scores` (issue 16 item 3): the embedding label scorer on the demo SAE.
// Builds the demo atlas into its own data folder when none is there (`atlas build-demo`), clears
// that SAE's embedding scores, then measures:
//   - throughput: labels/s of `scoreSaeLabels` (reads, embedder, writes) over every label;
//   - sanity: the mean ROC-AUC of each machine label on its own feature's held-out contexts vs
//     the same with a shuffled label (the label of another feature: the next one in id order).
// A good scorer ranks the true labels far above the shuffled ones (shuffled ≈ 0.5).
//
//   npm run bench:label-scores
//   ATLAS_DATA_DIR=/some/atlas npm run bench:label-scores     # an existing atlas
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import {
  deleteLabelScores, getFeatureExampleContexts, getSaeContextPool, listLabelVersionsToScore, listSaes, openDatabase, type LabelVersionToScore,
} from '@atlas/db';
import { loadConfiguredEmbedder } from '@atlas/embed';
import { embeddingScores, heldOutContexts, scoreSaeLabels, type EmbeddingTask } from '@atlas/label-scores';

const dataDir = process.env.ATLAS_DATA_DIR ?? path.resolve('.atlas/bench-label-scores');
process.env.ATLAS_DATA_DIR = dataDir;

let db = await openDatabase();
if ((await listSaes(db)).length === 0) {
  await db.close();
  console.log(`No atlas in ${dataDir}: building the demo (atlas build-demo)…`);
  execFileSync('npx', ['atlas', 'build-demo'], { stdio: 'inherit', env: process.env });
  db = await openDatabase();
}
try {
  const sae = (await listSaes(db))[0]!;
  const embedder = await loadConfiguredEmbedder();
  await deleteLabelScores(db, { saeId: sae.id, scorer: 'embedding' });
  const run = await scoreSaeLabels(db, { saeId: sae.id, scorer: 'embedding', embedder });
  const rate = run.scored / run.seconds;

  // The shuffled control, computed in memory (nothing stored).
  const labels: LabelVersionToScore[] = [];
  for (let after = 0; ;) {
    const page = await listLabelVersionsToScore(db, { saeId: sae.id, scorer: 'bench-none', scorerVersion: '0', afterVersionId: after, limit: 1000 });
    if (page.length === 0) break;
    labels.push(...page.filter((l) => l.source === 'machine'));
    after = page[page.length - 1]!.labelVersionId;
  }
  const pool = await getSaeContextPool(db, sae.id, 5000);
  const examples = await getFeatureExampleContexts(db, labels.map((l) => l.featureId));
  const tasks: EmbeddingTask[] = labels.map((label, i) => ({
    labels: [label.text, labels[(i + 1) % labels.length]!.text],
    ...heldOutContexts(label, examples.get(label.featureId), pool, 0),
  }));
  const scores = (await embeddingScores(embedder, tasks)).filter((pair) => pair[0] && pair[1]);
  const mean = (k: 0 | 1) => scores.reduce((sum, pair) => sum + pair[k]!.score, 0) / scores.length;
  const trueWins = scores.filter((pair) => pair[0]!.score > pair[1]!.score).length / scores.length;

  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`SAE ${sae.id}, embedder ${run.scorerVersion}`);
  console.log(`scored ${run.scored} labels (${run.unscorable} unscorable, ${run.notHeldOut} on partly seen contexts) in ${run.seconds.toFixed(2)} s: ${rate.toFixed(1)} labels/s`);
  console.log(`machine labels: mean ROC-AUC true ${mean(0).toFixed(3)} vs shuffled ${mean(1).toFixed(3)} over ${scores.length} features; true > shuffled on ${(trueWins * 100).toFixed(1)}%`);
} finally {
  await db.close();
}
