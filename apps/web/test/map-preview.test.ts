import { describe, expect, it } from 'vitest';
import { mapPreviewScript } from '../src/lib/map-preview';

describe('the map preview script', () => {
  it('is one valid script whose arguments cannot close or comment out the <script> element', () => {
    const hostile = 'm/h/</script><script>alert(1)</script><!--';
    const script = mapPreviewScript(hostile, `/map-points/${hostile}`);
    expect(script).not.toMatch(/<\/script/i);
    expect(script).not.toContain('<!--');
    // Parses as JavaScript (compiled, not run: it needs a browser's document and fetch).
    expect(() => new Function(script)).not.toThrow();
    // The arguments arrive as written once the JSON escapes are read back.
    expect(script).toContain(JSON.stringify(hostile).replace(/</g, '\\u003c'));
  });
});
