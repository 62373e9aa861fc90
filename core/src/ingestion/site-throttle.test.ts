import { describe, expect, it } from 'vitest';
import { SiteThrottle } from './site-throttle.ts';

describe('SiteThrottle', () => {
  it('allows a site its budget per window, then drops until the next window', () => {
    const throttle = new SiteThrottle({ count: 3, seconds: 10 });
    const at = (s: number) => new Date(Date.UTC(2026, 10, 25, 12, 0, 0) + s * 1000);
    expect([0, 1, 2, 3, 9].map((s) => throttle.allow('1', at(s)))).toEqual([true, true, true, false, false]);
    expect(throttle.allow('1', at(10))).toBe(true);
  });

  it('keeps one budget per site', () => {
    const throttle = new SiteThrottle({ count: 1, seconds: 60 });
    const now = new Date(Date.UTC(2026, 10, 25, 12, 0, 0));
    expect(throttle.allow('1', now)).toBe(true);
    expect(throttle.allow('1', now)).toBe(false);
    expect(throttle.allow('2', now)).toBe(true);
  });
});
