// `hostname` and `pathname` columns from the event's page URL (reference §2.1 `url`).

export interface PageUrl {
  /** Host minus a leading `www.`; `(none)` when the URL has no host (e.g. `file:///x`). */
  hostname: string;
  /** URI-decoded path with trailing whitespace trimmed, default `/`; `path#fragment` in hash mode. */
  pathname: string;
  url: URL;
}

export const NO_HOSTNAME = '(none)';

/**
 * Percent-decodes, keeping the raw text when the encoding is malformed (`%E0%A4%A`, `%zz`): a path that
 * cannot be decoded is still a path.
 */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function hostnameOf(url: URL): string {
  const host = url.hostname.trim().toLowerCase();
  if (host === '') return NO_HOSTNAME;
  return host.startsWith('www.') ? host.slice(4) : host;
}

/**
 * Parses the page URL of an event. Callers are expected to have validated it already; an unparsable
 * URL yields hostname `(none)`, pathname `/` and an `about:blank` URL rather than throwing.
 */
export function parsePageUrl(url: string, hashMode: boolean): PageUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { hostname: NO_HOSTNAME, pathname: '/', url: new URL('about:blank') };
  }
  let pathname = safeDecode(parsed.pathname).trimEnd();
  if (pathname === '') pathname = '/';
  if (hashMode && parsed.hash.length > 1) pathname += `#${safeDecode(parsed.hash.slice(1))}`;
  return { hostname: hostnameOf(parsed), pathname, url: parsed };
}
