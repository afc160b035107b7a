import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTinySite, type TinySite } from '../support/tiny-site.ts';

/**
 * The web keeps anonymous feature-page reads in Next's data cache (apps/web/src/lib/graphql.ts):
 * a page asked again costs no API request, and a label written through the web is on the very
 * next anonymous page view. A counting proxy between `next start` and the API shows the first.
 */
describe('the feature page data cache', () => {
  let site: TinySite;
  let proxy: Server | undefined;
  let apiRequests = 0;
  let web: TinySite['web'];
  let browser: Browser;
  let featureId: string;

  beforeAll(async () => {
    // The web talks to the API through a proxy that counts its requests.
    site = await openTinySite({
      webApiUrl: async (apiUrl) => {
        const target = new URL(apiUrl);
        proxy = createServer((incoming, outgoing) => {
          apiRequests += 1;
          const forward = httpRequest({ host: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(outgoing);
          });
          incoming.pipe(forward);
        }).listen(0, '127.0.0.1');
        await new Promise((resolve) => proxy!.once('listening', resolve));
        return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}${target.pathname}`;
      },
    });
    ({ web, browser } = site);
    featureId = (await site.features(1))[0]!.id;
  });

  afterAll(async () => {
    await site?.close();
    proxy?.close();
  });

  const anonymousPage = async () => {
    const response = await fetch(`${web.url}/feature/${featureId}`);
    expect(response.status).toBe(200);
    return response.text();
  };

  it('serves a repeated anonymous page without API requests and shows a label written through the web on the next view', async () => {
    const label = 'fires on whale tokens, written through the web';
    expect(await anonymousPage()).not.toContain(label);
    const afterFirst = apiRequests;
    expect(afterFirst).toBeGreaterThan(0);
    expect(await anonymousPage()).not.toContain(label);
    expect(apiRequests).toBe(afterFirst);

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${web.url}/account`);
    const signUp = page.locator('form', { has: page.locator('button', { hasText: 'Sign up' }) });
    await signUp.locator('input[name="handle"]').fill('cache-user');
    await signUp.locator('input[name="password"]').fill('a long cache password');
    await signUp.locator('button[type="submit"]').click();
    await page.getByText('Signed in as').waitFor({ timeout: 60_000 });
    await page.goto(`${web.url}/feature/${featureId}`);
    await page.locator('input[name="text"]').fill(label);
    await page.locator('button[type="submit"]', { hasText: 'Propose label' }).click();
    await page.locator('strong', { hasText: label }).waitFor({ timeout: 60_000 });
    await context.close();

    const html = await anonymousPage();
    expect(html).toContain(label);
  });
});
