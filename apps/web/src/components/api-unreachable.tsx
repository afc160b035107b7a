/** Shown in place of data when the GraphQL API cannot be reached. */
export function ApiUnreachable({ url }: { url: string }) {
  return (
    <section className="notice notice-error" role="alert">
      <h2>The atlas API is unreachable</h2>
      <p>
        This page reads everything through the GraphQL API at <code>{url}</code>, and nothing answered there.
      </p>
      <p>
        Start it from the repository root with <code>npm start</code> (the API listens on port 4000, this site on
        port 3000), or point the site at a running API with the <code>ATLAS_API_URL</code> environment variable,
        then reload this page.
      </p>
    </section>
  );
}
