import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUserRoleByHandle } from '@atlas/db';
import { openTinySite, type TinySite } from '../support/tiny-site.ts';

/**
 * Accounts and labels through the web in Chromium: sign up (the session token lands in an httpOnly
 * cookie the page cannot read), make an API key (shown once), propose labels carrying XSS payloads
 * on a feature page (rendered inert, as text), and vote; then a curator accepts one on the review
 * page and its author finds it accepted on "my contributions".
 */
describe('accounts and label contributions in Chromium', () => {
  let site: TinySite;
  let atlas: TinySite['atlas'];
  let api: TinySite['api'];
  let web: TinySite['web'];
  let browser: Browser;
  let featureId: string;

  beforeAll(async () => {
    site = await openTinySite();
    ({ atlas, api, web, browser } = site);
    featureId = (await site.features(1))[0]!.id;
  });

  afterAll(async () => {
    await site?.close();
  });

  it('signs up, makes an API key, and proposes and votes on labels that render as text', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    await page.goto(`${web.url}/account`);
    const signUp = page.locator('form', { has: page.locator('button', { hasText: 'Sign up' }) });
    await signUp.locator('input[name="handle"]').fill('web-user');
    await signUp.locator('input[name="password"]').fill('a long web password');
    await signUp.locator('button[type="submit"]').click();
    // Signed in, the account page shows who you are instead of the forms.
    await page.getByText('Signed in as').waitFor({ timeout: 60_000 });
    expect(await page.locator('strong', { hasText: 'web-user' }).count()).toBe(1);
    const cookie = (await context.cookies()).find((c) => c.name === 'atlas_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('atlas_session');

    await page.goto(`${web.url}/account/keys`);
    await page.locator('input[name="name"]').fill('my script');
    await page.locator('select[name="scope"]').selectOption('WRITE');
    await page.locator('button[type="submit"]', { hasText: 'Make a key' }).click();
    const secret = (await page.locator('pre').textContent({ timeout: 60_000 }))!.trim();
    expect(secret).toMatch(/^atlas_/);
    const viewer = await fetch(api.url, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ query: '{ viewer { credential user { handle } } }' }),
    });
    expect((await viewer.json()).data.viewer).toEqual({ credential: 'API_KEY', user: { handle: 'web-user' } });

    const payloads = ['<img src=x onerror="alert(1)">', '<script>alert(2)</script>'];
    await page.goto(`${web.url}/feature/${featureId}`);
    for (const payload of payloads) {
      await page.locator('input[name="text"]').fill(payload);
      await page.locator('button[type="submit"]', { hasText: 'Propose label' }).click();
      await page.locator('strong', { hasText: payload }).waitFor({ timeout: 60_000 });
    }
    await page.reload();
    for (const payload of payloads) expect(await page.locator('strong', { hasText: payload }).count()).toBe(1);
    expect(await page.locator('.section img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);

    await page.locator('button[aria-pressed="false"]', { hasText: '▲ 0' }).first().click();
    await page.locator('button[aria-pressed="true"]', { hasText: '▲ 1' }).waitFor({ timeout: 60_000 });
    await context.close();
  });

  it('a member is turned away from the review page; a curator accepts a label there; its author sees it accepted', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${web.url}/account`);
    const signUp = page.locator('form', { has: page.locator('button', { hasText: 'Sign up' }) });
    await signUp.locator('input[name="handle"]').fill('reviewer');
    await signUp.locator('input[name="password"]').fill('a long review password');
    await signUp.locator('button[type="submit"]').click();
    await page.getByText('Signed in as').waitFor({ timeout: 60_000 });

    await page.goto(`${web.url}/review`);
    expect(await page.getByText('Reviewing labels is for curators and admins').count()).toBe(1);
    await setUserRoleByHandle(atlas.db, 'reviewer', 'curator');
    await page.goto(`${web.url}/review`);
    await page.locator('h1', { hasText: 'Review queue' }).waitFor({ timeout: 60_000 });
    const row = page.locator('tr', { hasText: '<script>alert(2)</script>' });
    await row.locator('select[name="state"]').selectOption('ACCEPTED');
    await row.locator('input[name="note"]').fill('clear enough');
    await row.locator('button[type="submit"]', { hasText: 'Review' }).click();
    // Reviewed, it leaves the queue (the page is revalidated); the other proposal stays.
    await row.waitFor({ state: 'detached', timeout: 60_000 });
    expect(await page.locator('tr', { hasText: '<img src=x onerror="alert(1)">' }).count()).toBe(1);
    await context.close();

    // The author's "my contributions" lists both labels, the accepted one with the note.
    const author = await browser.newContext();
    const authorPage = await author.newPage();
    await authorPage.goto(`${web.url}/account`);
    const signIn = authorPage.locator('form', { has: authorPage.locator('button', { hasText: 'Sign in' }) });
    await signIn.locator('input[name="handle"]').fill('web-user');
    await signIn.locator('input[name="password"]').fill('a long web password');
    await signIn.locator('button[type="submit"]').click();
    await authorPage.getByText('Signed in as').waitFor({ timeout: 60_000 });
    await authorPage.locator('a', { hasText: 'My contributions' }).click();
    await authorPage.locator('h1', { hasText: 'My contributions' }).waitFor({ timeout: 60_000 });
    const accepted = authorPage.locator('tr', { hasText: '<script>alert(2)</script>' });
    expect(await accepted.textContent()).toMatch(/accepted — clear enough/);
    expect(await authorPage.locator('tr', { hasText: '<img src=x onerror="alert(1)">' }).textContent()).toMatch(/proposed/);
    await author.close();
  });
});
