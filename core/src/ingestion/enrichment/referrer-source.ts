// `referrer_source` and `referrer` columns (reference §4.4 steps 1-4 and 7).
import { normaliseHost, stripWww } from './host.ts';
import { canonicalSourceName, isPaidSource, lookupReferrerHost } from './source-database.ts';
import { taggedSource } from './utm.ts';

export { isPaidSource };

export interface SourceInput {
  pageUrl: URL;
  /** `document.referrer` as sent by the tracker (may be null or ''). */
  referrer: string | null | undefined;
}

export interface SourceResult {
  /** Tagged source mapped to a known name, else the known referrer name, else the referrer host; '' = Direct. */
  referrerSource: string;
  /** Referrer host without `www.` + path without trailing `/`, for a valid referral only; else ''. */
  referrer: string;
}

const REFERRAL_SCHEMES = new Set(['http:', 'https:', 'android-app:']);

interface Referral {
  /** Lower-cased host as sent (may start with `www.`). */
  host: string;
  /** Path as sent (percent-encoded), '' or starting with `/`. */
  path: string;
  /** `android-app://` for app referrers, else ''. */
  prefix: string;
}

/**
 * A referrer counts when its scheme is http(s) or android-app, it has a host, the host is not
 * `localhost` and it differs from the page's host (both compared without `www.`).
 */
export function parseReferral(referrer: string | null | undefined, pageUrl: URL): Referral | null {
  const raw = referrer?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!REFERRAL_SCHEMES.has(url.protocol)) return null;
  const host = normaliseHost(url.hostname);
  if (!host || host === 'localhost') return null;
  if (stripWww(host) === stripWww(normaliseHost(pageUrl.hostname))) return null;
  return { host, path: url.pathname, prefix: url.protocol === 'android-app:' ? 'android-app://' : '' };
}

function referralHost(ref: Referral): string {
  return ref.prefix + stripWww(ref.host);
}

export function resolveSource({ pageUrl, referrer }: SourceInput): SourceResult {
  const referral = parseReferral(referrer, pageUrl);
  const tagged = taggedSource(pageUrl);

  let referrerSource = '';
  if (tagged !== '') {
    referrerSource = canonicalSourceName(tagged);
  } else if (referral) {
    referrerSource = canonicalSourceName(lookupReferrerHost(referral.host, referral.path || '/') ?? referralHost(referral));
  }

  return {
    referrerSource,
    referrer: referral ? referralHost(referral) + referral.path.replace(/\/+$/, '') : '',
  };
}
