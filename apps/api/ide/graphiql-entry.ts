import { GraphiQL, type GraphiQLProps } from 'graphiql';
import 'graphiql/graphiql.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import './page.css';

/** Browser entry of the local IDE, bundled by `npm run build:ide` into static/graphiql.{js,css}. */
const container = document.getElementById('graphiql');
if (!container) throw new Error('GraphiQL: the page has no #graphiql element');
const endpoint = new URL(container.dataset['endpoint'] ?? '/graphql', window.location.href).toString();

const fetcher: GraphiQLProps['fetcher'] = async (params) => {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(params),
  });
  return response.json();
};

const defaultQuery = `# Feature Atlas GraphQL API. Ids are readable, e.g.
#   demo-lm/blocks.2.hook_resid_post/topk-4096/123
{
  models {
    id
    displayName
    saes { id hookName width metrics { l0 fvu } }
  }
}
`;

createRoot(container).render(createElement(GraphiQL, { fetcher, defaultQuery }));
