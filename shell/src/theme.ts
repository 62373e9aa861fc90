/**
 * Colour theme: `system` (default), `light` or `dark`, kept in localStorage. The `dark` class on
 * <html> drives Tailwind's `dark:` variant (see styles.css); with `system` it follows the OS,
 * live. Applied before the first render (index.ts), so the page does not flash.
 */
export type ThemePreference = 'system' | 'light' | 'dark';

export const THEME_STORAGE_KEY = 'qusto:theme';
const CHANGE_EVENT = 'qusto:theme';

export function storedTheme(): ThemePreference {
  try {
    const value = window.localStorage.getItem(THEME_STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

function systemDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
}

export function resolvedTheme(preference: ThemePreference = storedTheme()): 'light' | 'dark' {
  return preference === 'system' ? (systemDark() ? 'dark' : 'light') : preference;
}

/** A theme the page itself imposes (an embed's `theme=`), over the visitor's stored choice. */
let imposed: ThemePreference | null = null;

/** Imposes `preference` until called with null; OS and other-tab changes then follow it, not the stored choice. */
export function imposeTheme(preference: ThemePreference | null): void {
  imposed = preference;
  applyTheme();
}

export function applyTheme(preference: ThemePreference = imposed ?? storedTheme()): void {
  const dark = resolvedTheme(preference) === 'dark';
  const root = document.documentElement;
  root.classList.toggle('dark', dark);
  root.style.colorScheme = dark ? 'dark' : 'light';
  root.dataset.theme = preference;
}

export function setTheme(preference: ThemePreference): void {
  try {
    if (preference === 'system') window.localStorage.removeItem(THEME_STORAGE_KEY);
    else window.localStorage.setItem(THEME_STORAGE_KEY, preference);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  applyTheme(preference);
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/** Keeps <html> in step with the OS while the preference is `system`, and with other tabs. */
export function watchTheme(): () => void {
  const media = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  const onSystem = () => {
    if ((imposed ?? storedTheme()) === 'system') applyTheme('system');
  };
  const onStorage = (event: StorageEvent) => {
    if (event.key === THEME_STORAGE_KEY && !imposed) {
      applyTheme();
      window.dispatchEvent(new Event(CHANGE_EVENT));
    }
  };
  media?.addEventListener('change', onSystem);
  window.addEventListener('storage', onStorage);
  return () => {
    media?.removeEventListener('change', onSystem);
    window.removeEventListener('storage', onStorage);
  };
}

export function subscribeTheme(onChange: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => window.removeEventListener(CHANGE_EVENT, onChange);
}
