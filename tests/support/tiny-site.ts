import type { Browser } from 'playwright-core';
import { createApiServer } from '@atlas/api';
import { launchChromium } from './browser.ts';
import { graphql } from './graphql.ts';
import { buildTinyAtlas, type TinyAtlas } from './tiny-atlas.ts';
import { startWeb } from './web-server.ts';

/** The tiny atlas served as the browser tests use it: its API, the web app, and Chromium. */
export interface TinySite {
  atlas: TinyAtlas;
  api: { url: string; stop(): Promise<void> };
  web: { url: string; stop(): void };
  browser: Browser;
  /** The SAE's first `first` features (by index) with their density. */
  features(first: number): Promise<{ id: string; density: number }[]>;
  /** Stops them all (what started, if opening failed halfway). */
  close(): Promise<void>;
}

/**
 * Builds the tiny atlas (or the demo-like one), lets `prepare` add to it before anything serves it
 * (more SAEs, comparisons, environment), serves it through a real API, starts `next start` against
 * that API (or against the URL `webApiUrl` gives for it, e.g. a proxy in between) and launches
 * Chromium. If a step fails, what had started is stopped before the error is rethrown.
 */
export async function openTinySite(options: {
  recipe?: 'tiny' | 'demo-like';
  prepare?: (atlas: TinyAtlas) => Promise<void>;
  webApiUrl?: (apiUrl: string) => Promise<string>;
} = {}): Promise<TinySite> {
  const atlas = await buildTinyAtlas(options.recipe ? { recipe: options.recipe } : {});
  const started: (() => Promise<void> | void)[] = [() => atlas.db.close()];
  const stopStarted = async () => {
    for (const stop of started.reverse()) await stop();
  };
  try {
    await options.prepare?.(atlas);
    const api = await createApiServer({ db: atlas.db, port: 0 });
    started.push(() => api.stop());
    const web = await startWeb(options.webApiUrl ? await options.webApiUrl(api.url) : api.url);
    started.push(() => web.stop());
    const browser = await launchChromium();
    started.push(() => browser.close());
    return {
      atlas, api, web, browser,
      async features(first) {
        const { data, errors } = await graphql<{ features: { edges: { node: { id: string; density: number } }[] } }>(
          api.url, 'query ($sae: ID!, $first: Int) { features(saeId: $sae, first: $first) { edges { node { id density } } } }',
          { sae: atlas.result.saeId, first },
        );
        if (!data) throw new Error(`the feature list query failed: ${JSON.stringify(errors)}`);
        return data.features.edges.map((edge) => edge.node);
      },
      close: stopStarted,
    };
  } catch (error) {
    await stopStarted().catch(() => {}); // the original error says more than a failed cleanup
    throw error;
  }
}
