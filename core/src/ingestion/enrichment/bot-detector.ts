import { LRUCache } from 'lru-cache';
// Drop decisions for bots and referrer spam (reference §1.8 and §2: drop reasons `:bot`, `:spam_referrer`).
// Plausible checks referrer spam first (before the site lookup), so a request that is both is reported
// as `spam_referrer`.
import { isbot } from 'isbot';
import { lazy, readDataFile } from './data-files.ts';
import { hostSuffixes, normaliseHost } from './host.ts';

export type BotReason = 'bot' | 'spam_referrer';

export interface BotVerdict {
  bot: boolean;
  reason?: BotReason;
}

export interface BotRequest {
  userAgent: string | null | undefined;
  /** Referrer host (`www.semalt.com`); a full referrer URL is accepted too. */
  referrerHost?: string | null | undefined;
}

/**
 * Headless browsers and automation/HTTP tooling that isbot's list may miss, or that announce themselves
 * only with a framework token. Cypress is deliberately absent: Plausible's tracker lets site owners opt
 * Cypress runs in (`window.__plausible`), so those events are wanted.
 */
const AUTOMATION =
  /headless|phantomjs|slimerjs|puppeteer|playwright|selenium|webdriver|nightmare|python-requests|python-urllib|\bcurl\/|\bwget\/|\bzgrab|masscan|\bnmap\b/i;

/** Product tokens an Electron UA carries on its own; any other token is the app's name (Slack/4.36, Code/1.85). */
const ELECTRON_BASE_TOKENS = new Set(['chrome', 'electron', 'safari', 'mobile']);

/**
 * An Electron runtime with no application token is a script driving Electron directly (Nightmare and
 * similar scrapers), not a packaged desktop app: `(KHTML, like Gecko) Chrome/66 Electron/3.1.13 Safari/537.36`.
 */
function isBareElectron(ua: string): boolean {
  if (!/\bElectron\//.test(ua)) return false;
  const tail = ua.slice(ua.indexOf('like Gecko)') + 'like Gecko)'.length);
  const tokens = tail.match(/[A-Za-z][\w.-]*(?=\/)/g) ?? [];
  return tokens.every((t) => ELECTRON_BASE_TOKENS.has(t.toLowerCase()));
}

/** True for crawlers, headless browsers, HTTP libraries, and missing/blank user agents. */
/** Verdicts by user agent: a site's traffic repeats a few thousand strings, and isbot's regex is costly. */
const verdicts = new LRUCache<string, boolean>({ max: 10_000 });

export function isBotUserAgent(userAgent: string | null | undefined): boolean {
  const ua = (userAgent ?? '').trim();
  if (ua === '') return true;
  const cached = verdicts.get(ua);
  if (cached !== undefined) return cached;
  const verdict = isbot(ua) || AUTOMATION.test(ua) || isBareElectron(ua);
  if (ua.length <= 1024) verdicts.set(ua, verdict);
  return verdict;
}

const spamDomains = lazy((): Set<string> => {
  const set = new Set<string>();
  for (const line of readDataFile('referrer-spam-domains.txt').split('\n')) {
    const domain = normaliseHost(line);
    if (domain && !domain.startsWith('#')) set.add(domain);
  }
  return set;
});

/** `https://www.Semalt.com:8080/x` or `semalt.com/x` -> `www.semalt.com`/`semalt.com`; '' when there is no host. */
function hostOf(referrer: string): string {
  let value = referrer.trim();
  if (value.includes('://')) {
    try {
      return normaliseHost(new URL(value).hostname);
    } catch {
      return '';
    }
  }
  value = value.split(/[/?#]/, 1)[0] ?? '';
  if (!value.startsWith('[')) value = value.replace(/:\d*$/, '');
  return normaliseHost(value);
}

/** The referrer host, or one of its parent domains, is on the spam list. */
export function isSpamReferrer(referrerHost: string | null | undefined): boolean {
  if (!referrerHost) return false;
  const host = hostOf(referrerHost);
  if (!host) return false;
  const domains = spamDomains();
  for (const suffix of hostSuffixes(host)) if (domains.has(suffix)) return true;
  return false;
}

export function isBotRequest(request: BotRequest): BotVerdict {
  if (isSpamReferrer(request.referrerHost)) return { bot: true, reason: 'spam_referrer' };
  if (isBotUserAgent(request.userAgent)) return { bot: true, reason: 'bot' };
  return { bot: false };
}

/** Number of spam domains loaded (loads the list). */
export function spamDomainCount(): number {
  return spamDomains().size;
}
