/**
 * The shell's routes as plain functions of the path, with no React: the router uses them, and so
 * does the small script that starts a page's first requests before the app has loaded
 * (preload.ts).
 */

/** Dispatched on window by the router's navigate() (pushState/replaceState fire no event). */
export const NAVIGATE_EVENT = 'qusto:navigate';
export type Route =
  | { page: 'welcome' }
  | { page: 'login' }
  | { page: 'register' }
  | { page: 'password-reset' }
  | { page: 'email-change' }
  | { page: 'invitation'; token: string }
  | { page: 'account'; section: string | null }
  | { page: 'site'; domain: string }
  | { page: 'site-settings'; domain: string; section: string | null }
  | { page: 'share'; domain: string }
  | { page: 'not-found'; path: string };

const DOMAIN_PATTERN = /^[\p{L}\p{N}]([\p{L}\p{N}.-]*[\p{L}\p{N}])?(:\d+)?$/u;
const SECTION_PATTERN = /^[a-z][a-z0-9-]{0,63}$/;

function decodeDomain(segment: string | undefined): string | null {
  if (!segment) return null;
  try {
    const domain = decodeURIComponent(segment);
    return DOMAIN_PATTERN.test(domain) ? domain : null;
  } catch {
    return null;
  }
}

/**
 * `/` -> welcome (sites list when signed in); `/example.com` -> that site's dashboard,
 * `/example.com/settings[/section]` -> its settings; `/share/example.com?auth=…` -> a shared
 * link's read-only dashboard; `/account[/section]`; the pages mailed links open
 * (`/password-reset`, `/email-change`, `/invitations/<token>`); anything else -> not found.
 */
export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { page: 'welcome' };
  if (path === '/login') return { page: 'login' };
  if (path === '/register') return { page: 'register' };
  if (path === '/password-reset') return { page: 'password-reset' };
  if (path === '/email-change') return { page: 'email-change' };
  const segments = path.slice(1).split('/');
  const [first, second, third] = segments;
  if (first === 'invitations' && segments.length === 2 && second && /^[A-Za-z0-9_-]{1,200}$/.test(second)) return { page: 'invitation', token: second };
  if (first === 'account' && segments.length <= 2) {
    if (segments.length === 1) return { page: 'account', section: null };
    if (second && SECTION_PATTERN.test(second)) return { page: 'account', section: second };
    return { page: 'not-found', path };
  }
  if (first === 'share' && segments.length === 2) {
    const domain = decodeDomain(second);
    return domain ? { page: 'share', domain } : { page: 'not-found', path };
  }
  const domain = decodeDomain(first);
  if (domain && segments.length === 1) return { page: 'site', domain };
  if (domain && second === 'settings' && segments.length <= 3) {
    if (segments.length === 2) return { page: 'site-settings', domain, section: null };
    if (third && SECTION_PATTERN.test(third)) return { page: 'site-settings', domain, section: third };
  }
  return { page: 'not-found', path };
}

export function sitePath(domain: string): string {
  return `/${encodeURIComponent(domain)}`;
}

export function siteSettingsPath(domain: string, section?: string): string {
  return `${sitePath(domain)}/settings${section ? `/${section}` : ''}`;
}
