import Link from 'next/link';
import { Suspense, type ReactNode } from 'react';
import { formatValue } from '@/lib/format';
import { getFeatureRelations } from '@/lib/queries/feature';
import type { FamilyMember } from '@/lib/queries/feature-family';
import { comparisonHref, featureHrefFromId, saeName } from '@/lib/routes';
import styles from './feature-family-tree.module.css';
import { renderFromApi } from './render-from-api';
import { ListSkeleton } from './skeletons';

/**
 * "Family across widths": the feature's parent(s) in narrower SAEs above it, its children in wider
 * SAEs below, each linked with its label, decoder cosine and containment (P(parent fires | child
 * fires)). A nested list, so it reflows at phone width. The whole section, so the page includes it in one line.
 */
export function FeatureFamilyTree({ featureId }: { featureId: string }) {
  return (
    <section className="section">
      <h2>Family across widths</h2>
      <Suspense fallback={<ListSkeleton rows={3} label="Loading the feature's family" />}>
        <FamilyTree featureId={featureId} />
      </Suspense>
    </section>
  );
}

async function FamilyTree({ featureId }: { featureId: string }) {
  return renderFromApi(async () => {
    const feature = await getFeatureRelations(featureId);
    const family = feature.family;
    if (!family) {
      return (
        <p className="muted">
          No parent or child stored for this feature. Compare a narrower and a wider SAE on its hook:{' '}
          <code>atlas compare --a NARROW --b WIDE --method families</code>.
        </p>
      );
    }
    const self = (
      <li>
        <div className={`${styles.node} ${styles.current}`} aria-current="true">
          <span>{saeName(feature.sae.id)} #{feature.index}</span>
          <span className={styles.label} title={feature.label?.text}>{feature.label?.text ?? ''}</span>
        </div>
        {family.children.length > 0 ? (
          <ul aria-label="Children in wider SAEs">{family.children.map((member) => <Member key={memberKey(member)} member={member} />)}</ul>
        ) : null}
      </li>
    );
    return (
      <div className="card" data-testid="feature-family">
        <ul className={styles.tree}>
          {family.parents.length > 0 ? (
            family.parents.map((parent, i) => (
              <Member key={memberKey(parent)} member={parent}>
                {/* Every parent above (best cosine first), the feature indented under the last, its children under it. */}
                {i === family.parents.length - 1 ? <ul aria-label="This feature">{self}</ul> : null}
              </Member>
            ))
          ) : self}
        </ul>
      </div>
    );
  });
}

function Member({ member, children }: { member: FamilyMember; children?: ReactNode }) {
  const { feature } = member;
  return (
    <li>
      <div className={styles.node}>
        <Link href={featureHrefFromId(feature.id)} title={feature.sae.id}>{saeName(feature.sae.id)} #{feature.index}</Link>
        <span className={`muted small ${styles.label}`} title={feature.label?.text}>{feature.label?.text ?? ''}</span>
        <span className={styles.figures}>
          <Link href={comparisonHref(member.comparison.id)} title="decoder cosine (the families comparison)">cos {formatValue(member.cosine, 2)}</Link>
          {' · '}
          <span title="P(parent fires | child fires)">contained {formatValue(member.containment, 2)}</span>
        </span>
      </div>
      {children}
    </li>
  );
}

const memberKey = (member: FamilyMember) => `${member.comparison.id}:${member.feature.id}`;
