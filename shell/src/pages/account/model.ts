/** The account pages' logic, free of React: sections, wording of sessions and keys, recovery-code files. */

export interface Team {
  id: string;
  name: string;
  role: string;
  require2fa: boolean;
}

export interface Me {
  user: { id: string; email: string; name: string; isAdmin: boolean; twoFactorEnabled: boolean; mustEnable2fa: boolean };
  teams: Team[];
}

export const SECTIONS = [
  { id: 'profile', label: 'Profile', description: 'Your name, email address and how Qusto looks.' },
  { id: 'security', label: 'Security', description: 'Your password and two-factor authentication.' },
  { id: 'sessions', label: 'Sessions', description: 'Where you are signed in.' },
  { id: 'api-keys', label: 'API keys', description: 'Keys for scripts and integrations to use the API.' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

/** The section a URL names (`/account` is the profile), or null for an unknown one. */
export function sectionOf(section: string | null): SectionId | null {
  if (section === null) return 'profile';
  return SECTIONS.find((s) => s.id === section)?.id ?? null;
}

export const accountPath = (section: SectionId): string => (section === 'profile' ? '/account' : `/account/${section}`);

/** One letter for an avatar: the name's first letter, else the email's. */
export function initialOf(name: string | null | undefined, email: string): string {
  const source = (name ?? '').trim() || email.trim();
  const letter = [...source].find((c) => /[\p{L}\p{N}]/u.test(c));
  return (letter ?? '?').toLocaleUpperCase();
}

// ---- sessions ----

export interface Device {
  browser: string;
  os: string | null;
  mobile: boolean;
  /** "Firefox on Windows", "Safari on iPhone", "curl". */
  label: string;
}

const BROWSERS: Array<[RegExp, string]> = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bVivaldi\//, 'Vivaldi'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bHeadlessChrome\//, 'Headless Chrome'],
  [/\bChrome\/|\bCriOS\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

const SYSTEMS: Array<[RegExp, string]> = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b|\bX11\b/, 'Linux'],
];

/** A readable device from a User-Agent header: enough to recognise one's own sessions. */
export function describeUserAgent(userAgent: string | null | undefined): Device {
  const ua = (userAgent ?? '').trim();
  if (!ua) return { browser: 'Unknown browser', os: null, mobile: false, label: 'Unknown device' };
  const browser = BROWSERS.find(([pattern]) => pattern.test(ua))?.[1];
  const os = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1] ?? null;
  const mobile = /\bMobi|\biPhone\b|\bAndroid\b.*\bMobile\b/.test(ua);
  if (!browser) {
    // Tools name themselves first: "curl/8.5.0", "python-requests/2.31".
    const tool = /^([A-Za-z][\w.-]{0,40})\//.exec(ua)?.[1];
    const name = tool && tool !== 'Mozilla' ? tool : 'Unknown browser';
    return { browser: name, os, mobile, label: os ? `${name} on ${os}` : name === 'Unknown browser' ? 'Unknown device' : name };
  }
  return { browser, os, mobile, label: os ? `${browser} on ${os}` : browser };
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "just now", "5 minutes ago", "yesterday", "3 weeks ago". */
export function timeAgo(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return 'never';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return 'unknown';
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 60) return 'just now';
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
  }
  return 'just now';
}

export interface SessionInfo {
  id: string;
  userAgent: string;
  ip: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}

/** The current session first, then the most recently seen. */
export function sortSessions<T extends Pick<SessionInfo, 'current' | 'lastSeenAt'>>(sessions: readonly T[]): T[] {
  return [...sessions].sort((a, b) => Number(b.current) - Number(a.current) || Date.parse(b.lastSeenAt) - Date.parse(a.lastSeenAt));
}

// ---- two-factor ----

/** "JBSW Y3DP EHPK 3PXP": a secret typed by hand is easier in groups of four. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** What a person types as a 6-digit code, reduced to its digits (pasted "123 456" works). */
export function cleanCode(input: string): string {
  return input.replace(/\D/g, '').slice(0, 6);
}

/** "abcde-fghjk": the server ignores the dash, and halves are easier to copy by hand. */
export function formatRecoveryCode(code: string): string {
  return code.length === 10 ? `${code.slice(0, 5)}-${code.slice(5)}` : code;
}

/** The .txt file of recovery codes: what they are, for whom, and the codes. */
export function recoveryCodesText(codes: readonly string[], options: { email: string; origin: string; date?: Date }): string {
  const date = (options.date ?? new Date()).toISOString().slice(0, 10);
  return [
    `Qusto recovery codes for ${options.email}`,
    `${options.origin} (made ${date})`,
    '',
    'Each code signs you in once when you cannot use your authenticator app.',
    'Keep them somewhere safe; making new codes makes these stop working.',
    '',
    ...codes.map(formatRecoveryCode),
    '',
  ].join('\n');
}

export function recoveryCodesFileName(origin: string): string {
  const host = origin.replace(/^[a-z]+:\/\//i, '').replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '');
  return `qusto-recovery-codes${host ? `-${host}` : ''}.txt`;
}

// ---- API keys ----

export const API_KEY_SCOPES = [
  { scope: 'stats:read', label: 'Read stats', description: 'The Stats API of the team’s sites.' },
  { scope: 'sites:read', label: 'List sites', description: 'The Sites API: list the team’s sites.' },
  { scope: 'sites:provision', label: 'Manage sites', description: 'Create, change and delete sites, shared links and guests.' },
  { scope: 'events:import', label: 'Import events', description: 'Send raw events to import.' },
] as const;

export type ApiKeyScope = (typeof API_KEY_SCOPES)[number]['scope'];

// Which team roles cover each scope fully (the server checks too: see core's abilities.ts).
const SCOPE_ROLES: Record<ApiKeyScope, readonly string[]> = {
  'stats:read': ['owner', 'admin', 'editor', 'viewer'],
  'sites:read': ['owner', 'admin', 'editor', 'billing', 'viewer'],
  'sites:provision': ['owner', 'admin'],
  'events:import': ['owner', 'admin'],
};

export function scopeAllowed(scope: ApiKeyScope, role: string | undefined): boolean {
  return role !== undefined && SCOPE_ROLES[scope].includes(role);
}

/** The scopes a new key starts with for a role: reading, as far as the role allows. */
export function defaultScopes(role: string | undefined): ApiKeyScope[] {
  return (['stats:read', 'sites:read'] as const).filter((scope) => scopeAllowed(scope, role));
}

export function scopeLabel(scope: string): string {
  return API_KEY_SCOPES.find((s) => s.scope === scope)?.label ?? scope;
}
