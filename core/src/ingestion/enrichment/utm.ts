// UTM parameters and ad click ids from the page URL (reference §4.4 steps 5-6).

export const CLICK_ID_PARAMS = ['gclid', 'gbraid', 'wbraid', 'msclkid', 'fbclid', 'twclid'] as const;
export type ClickIdParam = (typeof CLICK_ID_PARAMS)[number];

export interface Campaign {
  utmMedium: string;
  /** Raw tagged source: `utm_source`, else `source`, else `ref` (not mapped to a known name). */
  utmSource: string;
  utmCampaign: string;
  utmContent: string;
  utmTerm: string;
  /** First click-id parameter present on the URL, in the order above; '' when none. */
  clickIdParam: ClickIdParam | '';
}

/**
 * A query parameter's value, '' when absent. When a key is repeated the last value wins, as in
 * Plausible (`URI.decode_query` builds a map). `+` decodes to a space.
 */
export function queryParam(url: URL, name: string): string {
  const values = url.searchParams.getAll(name);
  return values.length > 0 ? values[values.length - 1]! : '';
}

/** `utm_source`, else `source`, else `ref`; blank values count as absent. '' when untagged. */
export function taggedSource(url: URL): string {
  for (const name of ['utm_source', 'source', 'ref']) {
    const value = queryParam(url, name);
    if (value.trim() !== '') return value;
  }
  return '';
}

export function clickIdParam(url: URL): ClickIdParam | '' {
  return CLICK_ID_PARAMS.find((p) => url.searchParams.has(p)) ?? '';
}

/**
 * Campaign columns for an event. `referrerSource` is the resolved source (`resolveSource`): without an
 * explicit `utm_medium`, Google + `gclid` gets medium `(gclid)` and Bing + `msclkid` gets `(msclkid)`,
 * which makes auto-tagged ad clicks land in Paid Search.
 */
export function readCampaign(pageUrl: URL, referrerSource = ''): Campaign {
  const clickId = clickIdParam(pageUrl);
  let utmMedium = queryParam(pageUrl, 'utm_medium');
  if (utmMedium.trim() === '') {
    const source = referrerSource.toLowerCase();
    if (source === 'google' && clickId === 'gclid') utmMedium = '(gclid)';
    else if (source === 'bing' && clickId === 'msclkid') utmMedium = '(msclkid)';
  }
  return {
    utmMedium,
    utmSource: taggedSource(pageUrl),
    utmCampaign: queryParam(pageUrl, 'utm_campaign'),
    utmContent: queryParam(pageUrl, 'utm_content'),
    utmTerm: queryParam(pageUrl, 'utm_term'),
    clickIdParam: clickId,
  };
}
