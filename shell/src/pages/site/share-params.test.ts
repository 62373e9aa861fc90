import { describe, expect, it } from 'vitest';
import { dashboardHref } from '../../dashboard/context.tsx';
import { parseState } from '../../dashboard/state.ts';
import { isEmbedded, keptShareParams, shareParams } from './share-params.ts';

describe('shared link parameters', () => {
  it('reads the slug and the embed options; theme and background only count in an embed', () => {
    expect(shareParams('?auth=abc&embed=true&theme=dark&background=transparent')).toEqual({ slug: 'abc', embed: true, theme: 'dark', transparent: true });
    expect(shareParams('?auth=abc&theme=dark&background=transparent')).toEqual({ slug: 'abc', embed: false, theme: null, transparent: false });
    expect(shareParams('?auth=abc&embed=true&theme=purple')).toMatchObject({ theme: null });
    expect(shareParams('?auth=')).toMatchObject({ slug: null });
  });

  it('every view of a shared dashboard keeps the link and its options, ahead of the view state', () => {
    const location = { path: '/share/example.com', keep: keptShareParams(shareParams('?auth=a%2Fb&embed=true&theme=light')) };
    const state = { ...parseState(''), period: '7d' as const, filters: [{ op: 'is' as const, dimension: 'visit:source', values: ['Google'] }] };
    const href = dashboardHref(location, state);
    expect(href.startsWith('/share/example.com?auth=a%2Fb&embed=true&theme=light&')).toBe(true);
    const params = new URLSearchParams(href.split('?')[1]);
    expect(params.get('auth')).toBe('a/b');
    expect(parseState(`?${params}`)).toEqual(state);
    // A signed-in site's dashboard keeps nothing extra.
    expect(dashboardHref('example.com', parseState(''))).toBe('/example.com');
  });

  it('only a /share/ page with embed=true is embedded', () => {
    expect(isEmbedded('/share/example.com', '?auth=x&embed=true')).toBe(true);
    expect(isEmbedded('/share/example.com', '?auth=x')).toBe(false);
    expect(isEmbedded('/example.com', '?embed=true')).toBe(false);
  });
});
