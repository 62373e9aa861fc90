import { describe, expect, it } from 'vitest';
import { parseGoalInput } from './goal-input.ts';

describe('parseGoalInput', () => {
  it('fills Plausible-style display names', () => {
    expect(parseGoalInput({ page_path: '/blog/**' }).displayName).toBe('Visit /blog/**');
    expect(parseGoalInput({ event_name: 'Signup' }).displayName).toBe('Signup');
    expect(parseGoalInput({ page_path: '/pricing', scroll_threshold: 75 }).displayName).toBe('Scroll 75% on /pricing');
    expect(parseGoalInput({ event_name: 'Signup', display_name: 'Trial started' }).displayName).toBe('Trial started');
  });

  it('accepts event goals narrowed by up to 3 properties and revenue goals with a currency', () => {
    const goal = parseGoalInput({ event_name: 'Purchase', custom_props: { plan: 'pro' }, currency: 'eur' });
    expect(goal).toMatchObject({ eventName: 'Purchase', pagePath: null, customProps: { plan: 'pro' }, currency: 'EUR', scrollThreshold: -1 });
  });

  it.each([
    [{}, 'goal: give either event_name or page_path'],
    [{ event_name: 'A', page_path: '/a' }, 'not both'],
    [{ event_name: 'engagement' }, 'event_name: "engagement" is reserved'],
    [{ event_name: 'x'.repeat(121) }, 'event_name: should be at most 120 characters'],
    [{ page_path: 'blog' }, 'page_path: must start with /'],
    [{ page_path: '/a', scroll_threshold: 101 }, 'scroll_threshold: must be a whole number from 0 to 100'],
    [{ event_name: 'A', scroll_threshold: 50 }, 'scroll_threshold: only goes with a page_path goal'],
    [{ page_path: '/a', custom_props: { a: 'b' } }, 'custom_props: only go with an event_name goal'],
    [{ event_name: 'A', custom_props: { a: '1', b: '2', c: '3', d: '4' } }, 'custom_props: at most 3 properties'],
    [{ event_name: 'A', custom_props: { a: '' } }, 'custom_props: keys and values must be non-empty strings'],
    [{ event_name: 'A', currency: 'DOLLARS' }, 'currency: "DOLLARS" is not an ISO 4217 currency code'],
    [{ page_path: '/a', currency: 'USD' }, 'currency: revenue goals are custom event goals'],
    [{ event_name: 42 as unknown as string }, 'event_name: must be a string'],
  ])('rejects %j', (input, message) => {
    expect(() => parseGoalInput(input)).toThrow(message);
  });
});
