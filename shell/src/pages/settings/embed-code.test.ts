import { describe, expect, it } from 'vitest';
import { embedCode } from './embed-code.ts';

describe('embed code', () => {
  it('points the iframe at the shared link with embed=true and the theme, escaped for HTML', () => {
    const code = embedCode('https://qusto.example/share/example.com?auth=abc_123', 'dark');
    expect(code).toContain('<iframe src="https://qusto.example/share/example.com?auth=abc_123&amp;embed=true&amp;theme=dark"');
    expect(code).toContain('href="https://qusto.example"');
  });

  it('keeps a hostile slug inside the attribute', () => {
    const code = embedCode('https://qusto.example/share/example.com?auth="><script>', 'light');
    expect(code).not.toContain('"><script>');
    expect(code.split('\n')[0]).toMatch(/src="[^"]*auth=%22%3E%3Cscript%3E&amp;embed=true&amp;theme=light"/);
  });
});
