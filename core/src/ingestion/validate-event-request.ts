import type { RawEventRequest } from '@qusto/sdk';

/** Plausible's Events API error shape: `{"errors": {"<field>": ["<message>"]}}`. */
export type FieldErrors = Record<string, string[]>;

export type ValidationResult = { ok: true; request: RawEventRequest } | { ok: false; errors: FieldErrors };

const MAX_NAME_LENGTH = 120;
const MAX_URL_BYTES = 2000;
const MAX_REFERRER_LENGTH = 2000;
const MAX_PROPS = 30;
const MAX_PROP_KEY_BYTES = 300;
const MAX_PROP_VALUE_BYTES = 2000;
const MAX_ENGAGEMENT_MS = 30 * 24 * 3600 * 1000;
export const SCROLL_DEPTH_MISSING = 255;

const byteLength = (value: string) => Buffer.byteLength(value, 'utf8');
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** First present of the long and short names (Plausible accepts both). */
function field(body: Record<string, unknown>, ...names: string[]): unknown {
  for (const name of names) if (body[name] !== undefined) return body[name];
  return undefined;
}

/** An object, or a JSON string of one; anything else is "no value". */
function objectOrJson(value: unknown): Record<string, unknown> | null {
  if (isRecord(value)) return value;
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      return isRecord(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }
  return null;
}

function parseName(value: unknown, errors: FieldErrors): string | null {
  const name = typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
  if (typeof name !== 'string' || name.trim() === '') {
    errors.event_name = ["can't be blank"];
    return null;
  }
  if (name.length > MAX_NAME_LENGTH) {
    errors.event_name = [`should be at most ${MAX_NAME_LENGTH} character(s)`];
    return null;
  }
  return name;
}

function parseUrl(value: unknown, errors: FieldErrors): string | null {
  if (value === undefined || value === null || value === '') {
    errors.url = ['is required'];
    return null;
  }
  if (typeof value !== 'string' || byteLength(value) > MAX_URL_BYTES) {
    errors.url = ['must be a valid url'];
    return null;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    errors.url = ['must be a valid url'];
    return null;
  }
  if (url.protocol === 'data:' || url.protocol === 'javascript:' || url.protocol === 'blob:') {
    errors.url = ['scheme is not allowed'];
    return null;
  }
  return value;
}

function parseDomains(value: unknown, url: string | null, errors: FieldErrors): string[] {
  let raw: string;
  if (value === undefined || value === null) {
    if (!url) return [];
    raw = new URL(url).hostname;
  } else if (typeof value === 'string') {
    raw = value;
  } else {
    errors.domain = ['must be a string'];
    return [];
  }
  const domains = [
    ...new Set(
      raw
        .split(',')
        .map((d) => d.trim().toLowerCase().replace(/^www\./, ''))
        .filter(Boolean),
    ),
  ];
  if (domains.length === 0) errors.domain = ["can't be blank"];
  return domains;
}

/**
 * Props as Plausible keeps them: pairs whose key or value is a list/map, null or blank are
 * dropped, the rest stringified; the first 30 kept; an over-long key or value is an error.
 */
function parseProps(value: unknown, errors: FieldErrors): Record<string, string> {
  const input = objectOrJson(value);
  if (!input) return {};
  const props: Record<string, string> = {};
  let kept = 0;
  for (const [key, raw] of Object.entries(input)) {
    if (raw === null || typeof raw === 'object' || raw === undefined) continue;
    const text = String(raw);
    if (key.trimStart() === '' || text.trimStart() === '') continue;
    if (byteLength(key) > MAX_PROP_KEY_BYTES || byteLength(text) > MAX_PROP_VALUE_BYTES) {
      errors.props = [`keys should have at most ${MAX_PROP_KEY_BYTES} bytes and values ${MAX_PROP_VALUE_BYTES} bytes`];
      return {};
    }
    if (kept === MAX_PROPS) continue;
    props[key] = text;
    kept++;
  }
  return props;
}

/** `{amount, currency}`; anything invalid is ignored, as Plausible does. */
function parseRevenue(value: unknown): RawEventRequest['revenue'] {
  const input = objectOrJson(value);
  if (!input) return null;
  const { amount, currency } = input;
  const amountText = typeof amount === 'number' ? String(amount) : typeof amount === 'string' ? amount.trim() : '';
  if (!/^-?\d+(\.\d+)?$/.test(amountText) || !Number.isFinite(Number(amountText))) return null;
  if (typeof currency !== 'string' || !/^[A-Za-z]{3}$/.test(currency)) return null;
  return { amount: amountText, currency: currency.toUpperCase() };
}

function integerOrNull(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return null;
}

/** Validates a parsed Events API body (long and short field names) into a RawEventRequest. */
export function validateEventRequest(body: unknown): ValidationResult {
  if (!isRecord(body)) return { ok: false, errors: { request: ['Unable to parse request body as json'] } };
  const errors: FieldErrors = {};
  const name = parseName(field(body, 'name', 'n'), errors);
  const url = parseUrl(field(body, 'url', 'u'), errors);
  const domains = parseDomains(field(body, 'domain', 'd'), url, errors);
  const props = parseProps(field(body, 'props', 'p', 'meta', 'm'), errors);
  const referrerValue = field(body, 'referrer', 'r');
  const referrer = typeof referrerValue === 'string' && referrerValue !== '' ? referrerValue.slice(0, MAX_REFERRER_LENGTH) : null;
  const interactiveValue = field(body, 'interactive', 'i');
  const hashValue = field(body, 'hashMode', 'h');

  let scrollDepth: number | null = null;
  let engagementTime: number | null = null;
  if (name === 'engagement') {
    const sd = integerOrNull(body.sd);
    const e = integerOrNull(body.e);
    if (sd === null && e === null) {
      errors.event_name = ["engagement event requires a valid integer value for at least one of 'sd' or 'e' fields"];
    }
    scrollDepth = sd === null || sd < 0 ? SCROLL_DEPTH_MISSING : Math.min(sd, 100);
    engagementTime = e === null || e < 0 || e >= MAX_ENGAGEMENT_MS ? 0 : e;
  }

  if (Object.keys(errors).length > 0 || name === null || url === null) return { ok: false, errors };
  return {
    ok: true,
    request: {
      name,
      url,
      domains,
      referrer,
      props,
      revenue: parseRevenue(field(body, 'revenue', '$')),
      hashMode: hashValue === 1 || hashValue === true || hashValue === '1',
      interactive: interactiveValue !== false && interactiveValue !== 'false',
      scrollDepth,
      engagementTime,
    },
  };
}
