import { Suspense } from 'react';
import { ModelCatalog } from '@/components/model-catalog';
import { ModelCatalogSkeleton } from '@/components/skeletons';

export default function HomePage() {
  return (
    <>
      <section className="intro">
        <h1>Feature Atlas</h1>
        <p>
          Feature Atlas is an open atlas of the features that sparse autoencoders (SAEs) find inside language models.
          An SAE rewrites a model&apos;s hidden activations as a sparse sum of learned directions; each direction is a
          feature, often one a person can name. For every feature the atlas shows where it fires hardest in real
          text, how often it fires and how strongly, so you can read what it responds to. Pick a model&apos;s SAE
          below to browse its features.
        </p>
      </section>
      <Suspense fallback={<ModelCatalogSkeleton />}>
        <ModelCatalog />
      </Suspense>
    </>
  );
}
