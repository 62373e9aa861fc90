import { describe, expect, it } from 'vitest';
import { addAllowedProp, MAX_ALLOWED_PROPS, propSuggestions } from './allowed-props.ts';

describe('custom property allow-list', () => {
  it('adds trimmed keys once, and says why not otherwise', () => {
    expect(addAllowedProp(['plan'], '  author ')).toEqual({ list: ['plan', 'author'], problem: null });
    expect(addAllowedProp(['plan'], 'plan')).toEqual({ list: ['plan'], problem: 'plan is already on the list' });
    expect(addAllowedProp([], '   ').problem).toMatch(/Enter a property name/);
    expect(addAllowedProp([], 'x'.repeat(301)).problem).toMatch(/at most 300 characters/);
    const full = Array.from({ length: MAX_ALLOWED_PROPS }, (_, i) => `k${i}`);
    expect(addAllowedProp(full, 'one-more').problem).toMatch(/At most 300/);
  });

  it('suggests seen keys not yet listed, most used first, up to a limit', () => {
    const seen = [{ key: 'plan' }, { key: 'author' }, { key: 'logged_in' }, { key: 'theme' }];
    expect(propSuggestions(seen, ['author'])).toEqual(['plan', 'logged_in', 'theme']);
    expect(propSuggestions(seen, [], 2)).toEqual(['plan', 'author']);
  });
});
