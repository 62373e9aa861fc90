import { afterEach, describe, expect, it } from 'vitest';
import { imposeTheme, setTheme, THEME_STORAGE_KEY, watchTheme } from './theme.ts';

const isDark = () => document.documentElement.classList.contains('dark');

describe('an imposed theme (embeds)', () => {
  afterEach(() => {
    imposeTheme(null);
    setTheme('system');
  });

  it('wins over the stored choice, also when another tab changes it, until lifted', () => {
    const stop = watchTheme();
    setTheme('light');
    imposeTheme('dark');
    expect(isDark()).toBe(true);

    // Another tab stores a new choice: the embed keeps the theme its URL asked for.
    window.localStorage.setItem(THEME_STORAGE_KEY, 'light');
    window.dispatchEvent(new StorageEvent('storage', { key: THEME_STORAGE_KEY, newValue: 'light' }));
    expect(isDark()).toBe(true);

    imposeTheme(null);
    expect(isDark()).toBe(false);
    stop();
  });
});
