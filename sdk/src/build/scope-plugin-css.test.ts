import postcss from 'postcss';
import { describe, expect, it } from 'vitest';
import { scopePluginCss } from './scope-plugin-css.ts';

const run = async (css: string) => (await postcss([scopePluginCss('goals') as postcss.AcceptedPlugin]).process(css, { from: undefined })).css;

describe('scopePluginCss', () => {
  it('prefixes top-level utility rules with the plugin wrapper', async () => {
    const out = await run('@layer utilities { .bg-slate-100 { color: red } .a, .b { color: blue } }');
    expect(out).toContain('[data-qusto-plugin="goals"] .bg-slate-100');
    expect(out).toContain('[data-qusto-plugin="goals"] .a, [data-qusto-plugin="goals"] .b');
  });

  it('leaves other layers, nested rules and keyframes alone', async () => {
    const out = await run(
      '@layer theme { :root { --x: 1 } } @layer utilities { .c { &:hover { color: red } } @keyframes spin { from { opacity: 0 } } }',
    );
    expect(out).toContain(':root { --x: 1 }');
    expect(out).toContain('[data-qusto-plugin="goals"] .c');
    expect(out).toContain('&:hover');
    expect(out).not.toContain('[data-qusto-plugin="goals"] from');
    expect(out).not.toContain('[data-qusto-plugin="goals"] &:hover');
  });
});
