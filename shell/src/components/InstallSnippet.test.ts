import { describe, expect, it } from 'vitest';
import { variantFile } from '@qusto/tracker/variants';
import { scriptName, SNIPPET_FEATURES, snippetFor } from './InstallSnippet.tsx';

describe('the install snippet', () => {
  it('names the script after the switched-on features, in the tracker’s canonical order', () => {
    expect(scriptName([])).toBe('script.js');
    expect(scriptName(['outbound-links', 'file-downloads'])).toBe('script.file-downloads.outbound-links.js');
    // Revenue only works with custom events, so it brings them.
    expect(scriptName(['revenue'])).toBe('script.revenue.tagged-events.js');
    expect(snippetFor('example.com', ['hash'], 'https://qusto.example')).toBe('<script defer data-domain="example.com" src="https://qusto.example/js/script.hash.js"></script>');
  });

  it('every switch, alone or all together, names a script the server maps to itself', () => {
    for (const feature of SNIPPET_FEATURES) {
      const name = scriptName([feature.id]);
      expect(variantFile(name)).toBe(name);
    }
    const all = scriptName(SNIPPET_FEATURES.map((f) => f.id));
    expect(variantFile(all)).toBe(all);
  });
});
