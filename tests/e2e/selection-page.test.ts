import { mkdtempSync, symlinkSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTinySite, type TinySite } from '../support/tiny-site.ts';

const SEA = [
  'Call me Ishmael. Some years ago I thought I would sail about a little and see the watery part of the world.',
  'The whale rose from the sea and the harpooneers stood ready in the boats.',
  'Queequeg threw his harpoon at the whale, and the line ran out over the bow of the boat.',
  'Captain Ahab stood upon the quarter-deck and looked out over the sea for the white whale.',
];
const CONGRESS = [
  'Mr. Speaker, I come before you tonight to report on the state of the Union.',
  'We must ask the Congress to act on taxes, on trade and on the budget of the Government.',
  'The economy of the United States is strong, and our people are working.',
  'I recommend to the Congress a reform of the laws on tariffs and the public debt.',
];

describe('the data-selection page in Chromium', () => {
  let dataDir: string;
  const dataDirBefore = process.env.ATLAS_DATA_DIR;
  let site: TinySite;
  let web: TinySite['web'];
  let browser: Browser;

  beforeAll(async () => {
    site = await openTinySite({
      // The selection job finds the SAE where the build trained it: <ATLAS_DATA_DIR>/work/<checksum>/sae.
      prepare: async (built) => {
        dataDir = mkdtempSync(path.join(os.tmpdir(), 'atlas-select-e2e-'));
        symlinkSync(built.workDir, path.join(dataDir, 'work'));
        process.env.ATLAS_DATA_DIR = dataDir;
      },
    });
    ({ web, browser } = site);
  });

  afterAll(async () => {
    await site?.close();
    if (dataDirBefore === undefined) delete process.env.ATLAS_DATA_DIR;
    else process.env.ATLAS_DATA_DIR = dataDirBefore;
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('imports a pool, runs a MONA selection, follows its job and shows the samples with their driving features', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    expect((await page.goto(`${web.url}/select`))?.status()).toBe(200);
    const pool = [...SEA, ...CONGRESS].map((text, i) => JSON.stringify({ id: `s${i}`, text })).join('\n');
    const importForm = page.getByTestId('import-pool-form');
    await importForm.locator('input[type=file]').setInputFiles({ name: 'ships-and-laws.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(pool) });
    await importForm.getByRole('button', { name: 'Import pool' }).click();
    await importForm.getByRole('status').waitFor({ timeout: 180_000 });
    expect(await importForm.getByRole('status').textContent()).toMatch(/Imported 8 samples as pool ships-and-laws/);
    await page.getByTestId('pool-table').getByText('ships-and-laws').waitFor({ timeout: 180_000 });

    const start = page.getByTestId('start-selection-form');
    await start.locator('select').first().selectOption('ships-and-laws');
    await start.locator('input[type=number]').fill('0.5');
    await start.locator('textarea').fill('The harpoon struck the whale.\nThe boats were lowered into the sea.');
    await start.getByRole('button', { name: 'Run selection' }).click();
    await page.waitForURL(/\/select\/jobs\//, { timeout: 180_000 });
    // The progress page polls the job and moves to the results once it succeeds.
    await page.waitForURL(/\/select\/\d+$/, { timeout: 600_000 });
    const rows = page.getByTestId('selection-items').locator('tbody tr');
    await rows.first().waitFor({ timeout: 180_000 });
    expect(await rows.count()).toBe(4);
    expect(await page.getByTestId('selection-summary').textContent()).toMatch(/mona · complete · pool ships-and-laws · 4 of 8 samples/);
    const featureLinks = page.getByTestId('selection-items').locator('a[href^="/feature/"]');
    expect(await featureLinks.count()).toBeGreaterThan(0);

    const href = await page.getByRole('link', { name: 'Download JSONL' }).getAttribute('href');
    const download = await page.request.get(`${web.url}${href}`);
    expect(download.status()).toBe(200);
    const lines = (await download.text()).trim().split('\n').map((line) => JSON.parse(line) as { rank: number; id: string });
    expect(lines.map((line) => line.rank)).toEqual([1, 2, 3, 4]);

    await featureLinks.first().click();
    await page.waitForURL(/\/feature\//);
    await page.close();
  }, 1_200_000);
});
