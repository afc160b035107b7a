import { openActivationSource } from '@atlas/activations';
import { setSaeAtoms, type AtlasDb } from '@atlas/db';
import { evaluateSource, type SaeWeights } from '@atlas/sae';

/** Rows the atoms metrics are estimated on: enough for R², AIP and q*; the coherence needs none. */
const ATOMS_ROWS = 65_536;

/**
 * The atoms view of the SAE (issue 12): R², decoder coherence μ, AIP and the uniqueness share q*,
 * from `evaluateSource` on the build's activations, stored on the SAE's row.
 */
export async function storeAtomsMetrics(db: AtlasDb, saeId: string, sae: SaeWeights, activationFile: string, log: (line: string) => void): Promise<void> {
  const source = await openActivationSource(activationFile);
  try {
    const evaluation = await evaluateSource(sae, source, { atoms: true, rows: Math.min(ATOMS_ROWS, source.rows) });
    const atoms = evaluation.atoms!;
    await setSaeAtoms(db, saeId, {
      r2: evaluation.r2, coherence: atoms.coherence, aip: atoms.aip, uniqueShare: atoms.qStar,
      maxUniqueSupport: Number.isFinite(atoms.maxUniqueSupport) ? atoms.maxUniqueSupport : null,
    });
    log(`Atoms metrics of ${saeId}: R² ${evaluation.r2.toFixed(3)}, coherence ${atoms.coherence.toFixed(3)}, q* ${atoms.qStar.toFixed(3)}.`);
  } finally {
    await source.close();
  }
}
