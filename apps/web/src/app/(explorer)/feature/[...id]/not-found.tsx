import Link from 'next/link';

export default function FeatureNotFound() {
  return (
    <section className="notice not-found">
      <h1>No such feature</h1>
      <p>
        The atlas has no feature with that id. Feature ids are an SAE id followed by the feature&apos;s index, e.g.{' '}
        <code>demo-lm/blocks.2.hook_resid_post/topk-4096/123</code>; the index must be below the SAE&apos;s width.
      </p>
      <p>
        <Link href="/">Browse the models and their SAEs</Link>
      </p>
    </section>
  );
}
