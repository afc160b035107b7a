import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Console errors and uncaught exceptions of a page, collected from the moment it is watched. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** How far the page is wider than the window (0 when nothing sticks out sideways), and the elements that stick out. */
export function horizontalOverflow(page: Page): Promise<{ pixels: number; culprits: string[] }> {
  return page.evaluate(() => {
    const pixels = document.documentElement.scrollWidth - window.innerWidth;
    const culprits: string[] = [];
    if (pixels > 0) {
      for (const element of Array.from(document.body.querySelectorAll('*'))) {
        if (element.getBoundingClientRect().right <= window.innerWidth + 1) continue;
        // Only the outermost offender of each branch: its children stick out because it does.
        if (element.parentElement && element.parentElement.getBoundingClientRect().right > window.innerWidth + 1) continue;
        culprits.push(`${element.tagName.toLowerCase()}.${Array.from(element.classList).join('.')} (${Math.round(element.getBoundingClientRect().right)} px)`);
      }
    }
    return { pixels, culprits: culprits.slice(0, 8) };
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core in the page and returns its serious and critical violations (none is the goal). */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const { violations } = await axe.run(document);
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.slice(0, 5).map((node) => String(node.target)),
      }));
  });
}
