import { describe, expect, it } from 'vitest';
import { nextPosition, previousPosition } from '../src/lib/pagination';
import { featureHref, saeHref } from '../src/lib/routes';

const sae = 'demo-lm/blocks.2.hook_resid_post/topk-4096';

describe('cursor stack pagination', () => {
  it('walks forward and back to where it started', () => {
    const page1 = { first: 25, prev: [] };
    const page2 = { first: 25, after: 'c1', prev: [''] };
    const page3 = { first: 25, after: 'c2', prev: ['', 'c1'] };
    expect(nextPosition(page1, 'c1')).toEqual(page2);
    expect(nextPosition(page2, 'c2')).toEqual(page3);
    expect(previousPosition(page3)).toEqual(page2);
    expect(previousPosition(page2)).toEqual({ first: 25, prev: [] });
    expect(previousPosition(page1)).toBeUndefined();
  });

  it('keeps the order and filter on every page and in the URL', () => {
    const sorted = { first: 25, prev: [], sort: 'density-desc', quality: 'live' };
    const next = nextPosition(sorted, 'c1');
    expect(next).toEqual({ first: 25, after: 'c1', prev: [''], sort: 'density-desc', quality: 'live' });
    expect(previousPosition({ ...sorted, after: 'c1', prev: [''] })).toEqual({ first: 25, prev: [], sort: 'density-desc', quality: 'live' });
    expect(saeHref(sae, next)).toBe(`/sae/${sae}?sort=density-desc&quality=live&first=25&after=c1&prev=`);
    expect(saeHref(sae, { sort: 'index', quality: 'all', first: 25 })).toBe(`/sae/${sae}?first=25`);
    expect(nextPosition({ first: 25, prev: [], label: 'whale' }, 'c1')).toEqual({ first: 25, after: 'c1', prev: [''], label: 'whale' });
    expect(saeHref(sae, { label: 'sea & ship', first: 25 })).toBe(`/sae/${sae}?label=sea+%26+ship&first=25`);
  });

  it('goes to the start from a page reached without a stack', () => {
    expect(previousPosition({ first: 50, after: 'c9', prev: [] })).toEqual({ first: 50 });
  });
});

describe('routes', () => {
  it('encodes each id segment and keeps the slashes', () => {
    expect(saeHref(sae)).toBe('/sae/demo-lm/blocks.2.hook_resid_post/topk-4096');
    expect(featureHref(sae, 7)).toBe('/feature/demo-lm/blocks.2.hook_resid_post/topk-4096/7');
    expect(saeHref('m/a b/c#1')).toBe('/sae/m/a%20b/c%231');
  });

  it('puts the page position in the query', () => {
    expect(saeHref(sae, { first: 25, after: 'c2', prev: ['', 'c1'] })).toBe(
      '/sae/demo-lm/blocks.2.hook_resid_post/topk-4096?first=25&after=c2&prev=&prev=c1',
    );
  });
});
