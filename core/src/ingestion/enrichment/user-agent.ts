// User agent -> browser / OS / device, normalised the way Plausible reports them (reference §4.6).
// Plausible uses UAInspector (Matomo device-detector); Qusto uses ua-parser-js 1.x (MIT; 2.x is
// AGPL and must not be used) and maps its names onto Matomo's where they differ.
import UAParser from 'ua-parser-js';
import { LRUCache } from 'lru-cache';

/** `screen_size` column / `visit:device` dimension. `''` = unknown ("(not set)"). */
export type ScreenSize = 'Mobile' | 'Tablet' | 'Desktop' | '';

export interface UserAgentInfo {
  browser: string;
  browserVersion: string;
  operatingSystem: string;
  operatingSystemVersion: string;
  screenSize: ScreenSize;
}

export const MOBILE_APP = 'Mobile App';

/** ua-parser-js browser name -> the name Plausible stores (Matomo names, mobile variants folded). */
const BROWSER_NAMES: Record<string, string> = {
  'mobile safari': 'Safari',
  'mobile chrome': 'Chrome',
  'chrome headless': 'Headless Chrome',
  'mobile firefox': 'Firefox',
  'opera mini': 'Opera',
  'opera mobi': 'Opera',
  'opera mobile': 'Opera',
  'opera tablet': 'Opera',
  'opera touch': 'Opera',
  'opera coast': 'Opera',
  'opera gx': 'Opera',
  edge: 'Microsoft Edge',
  ie: 'Internet Explorer',
  iemobile: 'Internet Explorer',
  'samsung internet': 'Samsung Browser',
  yandex: 'Yandex Browser',
  'yandex browser lite': 'Yandex Browser',
  ucbrowser: 'UC Browser',
  duckduckgo: 'DuckDuckGo Privacy Browser',
  qqbrowser: 'QQ Browser',
  qqbrowserlite: 'QQ Browser',
  baidu: 'Baidu Browser',
  silk: 'Mobile Silk',
  whale: 'Whale Browser',
};

/**
 * In-app browsers and webviews: Matomo reports these as client type "mobile app" (or
 * "Chrome Webview"), which Plausible stores as `Mobile App` with no version.
 */
const MOBILE_APPS = new Set([
  'chrome webview', 'facebook', 'instagram', 'snapchat', 'tiktok', 'wechat', 'weibo', 'linkedin', 'line',
  'kakaotalk', 'kakaostory', 'naver', 'daum', 'alipay', 'twitter', 'klarna', 'gsa',
]);

/** ua-parser-js OS name -> Plausible/Matomo OS name. Others (Ubuntu, Fedora, HarmonyOS, ...) pass through. */
const OS_NAMES: Record<string, string> = {
  'mac os': 'Mac',
  macos: 'Mac',
  'chromium os': 'Chrome OS',
  linux: 'GNU/Linux',
};

/** OSes that only run on desktops/laptops: a UA with no device type and one of these is a Desktop. */
const DESKTOP_OS = new Set([
  'Windows', 'Mac', 'GNU/Linux', 'Chrome OS', 'Ubuntu', 'Debian', 'Fedora', 'Linux Mint', 'Arch', 'Arch Linux',
  'Gentoo', 'Mandriva', 'Slackware', 'SUSE', 'openSUSE', 'CentOS', 'RedHat', 'Red Hat', 'Kubuntu', 'Xubuntu',
  'Lubuntu', 'Manjaro', 'elementary OS', 'Zenwalk', 'PCLinuxOS', 'Deepin', 'FreeBSD', 'OpenBSD', 'NetBSD',
  'DragonFly', 'Solaris', 'Haiku', 'BeOS', 'OS/2', 'Unix',
]);

/** `120.0.6099.144` -> `120.0`; `7` -> `7`; undefined -> ''. */
export function majorMinor(version: string | undefined): string {
  if (!version) return '';
  return version.split('.').slice(0, 2).join('.');
}

function browserName(name: string | undefined): string {
  if (!name) return '';
  return BROWSER_NAMES[name.toLowerCase()] ?? name;
}

function screenSize(deviceType: string | undefined, os: string, model: string | undefined, ua: string): ScreenSize {
  switch (deviceType) {
    case 'mobile':
    case 'wearable':
    case 'xr':
      return 'Mobile';
    case 'tablet':
    case 'embedded': // car browsers, e-readers: Matomo reports these as "car browser"/tablet
      return 'Tablet';
    case 'console':
    case 'smarttv':
      return 'Desktop';
  }
  if (DESKTOP_OS.has(os) || (os.startsWith('Windows') && os !== 'Windows Phone' && os !== 'Windows Mobile')) return 'Desktop';
  // Matomo's heuristics for UAs without a recognised device model.
  if (os === 'Android') return /\bmobi(le)?\b|opera mini/i.test(ua) ? 'Mobile' : 'Tablet';
  if (os === 'iOS' || os === 'iPadOS') return model === 'iPad' || os === 'iPadOS' ? 'Tablet' : 'Mobile';
  return '';
}

const parser = new UAParser();

function parse(ua: string): UserAgentInfo {
  const r = parser.setUA(ua).getResult();
  const rawBrowser = r.browser.name ?? '';
  const isApp = MOBILE_APPS.has(rawBrowser.toLowerCase());
  let os = r.os.name ? (OS_NAMES[r.os.name.toLowerCase()] ?? r.os.name) : '';
  const osVersion = majorMinor(r.os.version);
  // Matomo reports iPads on iOS 13+ as iPadOS.
  if (os === 'iOS' && r.device.model === 'iPad' && Number.parseInt(osVersion, 10) >= 13) os = 'iPadOS';
  return {
    browser: isApp ? MOBILE_APP : browserName(rawBrowser),
    browserVersion: isApp ? '' : majorMinor(r.browser.version),
    operatingSystem: os,
    operatingSystemVersion: os ? osVersion : '',
    screenSize: screenSize(r.device.type, os, r.device.model, ua),
  };
}

const EMPTY: UserAgentInfo = Object.freeze({
  browser: '', browserVersion: '', operatingSystem: '', operatingSystemVersion: '', screenSize: '',
}) as UserAgentInfo;

const CACHE_SIZE = 10_000;
/** UAs longer than this are parsed but not cached (no legitimate browser sends one; keeps memory bounded). */
const MAX_CACHED_UA_LENGTH = 1024;
const cache = new LRUCache<string, UserAgentInfo>({ max: CACHE_SIZE });

/**
 * Parses a User-Agent header. Results are cached by UA string in a bounded LRU; the returned object is
 * shared between callers and frozen, so treat it as read-only.
 */
export function parseUserAgent(ua: string): Readonly<UserAgentInfo> {
  if (!ua) return EMPTY;
  const hit = cache.get(ua);
  if (hit) return hit;
  const info = Object.freeze(parse(ua)) as UserAgentInfo;
  if (ua.length <= MAX_CACHED_UA_LENGTH) cache.set(ua, info);
  return info;
}

/** Test/benchmark hook: the uncached parser and the cache's current size. */
export const userAgentInternals = {
  parseUncached: parse,
  cacheSize: (): number => cache.size,
  clearCache: (): void => cache.clear(),
};
