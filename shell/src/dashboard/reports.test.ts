import { describe, expect, it } from 'vitest';
import { report, rowHref, rowLabel } from './reports.ts';
import { DEFAULT_STATE } from './state.ts';

describe('report rows', () => {
  it('link pages to the site and referrers to themselves, over https only', () => {
    const page = { link: 'page' as const };
    const referrer = { link: 'referrer' as const };
    expect(rowHref(page, '/blog/post?x=1', 'example.com')).toBe('https://example.com/blog/post?x=1');
    expect(rowHref(page, '/<img src=x onerror=alert(1)>', 'example.com')).toBe('https://example.com/%3Cimg%20src=x%20onerror=alert(1)%3E');
    // Never another host or scheme, whatever was tracked.
    expect(new URL(rowHref(page, '//evil.example/x', 'example.com')!).host).toBe('example.com');
    expect(rowHref(page, 'javascript:alert(1)', 'example.com')).toBeNull();
    expect(rowHref(referrer, 'news.ycombinator.com/item', 'example.com')).toBe('https://news.ycombinator.com/item');
    expect(rowHref(referrer, 'javascript:alert(1)', 'example.com')).toBeNull();
    expect(rowHref(referrer, 'Direct / None', 'example.com')).toBeNull();
    expect(rowHref({}, '/x', 'example.com')).toBeNull();
  });

  it('label rows: country names, region and city names with their country', () => {
    expect(rowLabel(report('countries', DEFAULT_STATE), ['EE'])).toEqual({ text: 'Estonia', country: 'EE' });
    expect(rowLabel(report('regions', DEFAULT_STATE), ['US-CA', 'California'])).toEqual({ text: 'California', country: 'US' });
    expect(rowLabel(report('cities', DEFAULT_STATE), [2643743, 'London', 'GB'])).toEqual({ text: 'London', country: 'GB' });
    expect(rowLabel(report('sources', DEFAULT_STATE), ['<b>x</b>'])).toEqual({ text: '<b>x</b>', country: null });
  });
});
