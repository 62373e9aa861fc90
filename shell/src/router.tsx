/** Minimal client-side routing on the History API: no router library needed for a few pages. */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

import { NAVIGATE_EVENT } from './routes.ts';

export { matchRoute, sitePath, siteSettingsPath, type Route } from './routes.ts';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname, () => '/');
}

/** The query string (`?a=b` or ''), re-rendering on navigation and back/forward. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search, () => '');
}

export interface NavigateOptions {
  replace?: boolean;
  /** Keep the scroll position (a view change on the same page, such as a filter). */
  keepScroll?: boolean;
}

export function navigate(to: string, options: NavigateOptions = {}): void {
  const current = `${window.location.pathname}${window.location.search}${window.location.hash}`;
  if (to === current) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  if (!options.keepScroll) window.scrollTo?.(0, 0);
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; keepScroll?: boolean };

/** An `<a>` that navigates without a page load (ordinary clicks only; new-tab clicks still work). */
export function Link({ to, onClick, target, keepScroll, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (target && target !== '_self') return;
    event.preventDefault();
    navigate(to, { keepScroll });
  };
  return <a href={to} target={target} onClick={handleClick} {...rest} />;
}
