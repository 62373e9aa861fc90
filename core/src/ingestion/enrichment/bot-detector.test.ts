import { describe, expect, it } from 'vitest';
import { isBotRequest, isBotUserAgent, isSpamReferrer, spamDomainCount } from './bot-detector.ts';

const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

describe('isBotUserAgent', () => {
  it.each([
    ['Googlebot', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
    ['Googlebot smartphone', 'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.129 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
    ['Bingbot', 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)'],
    ['GPTBot', 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)'],
    ['HeadlessChrome', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.28 Safari/537.36'],
    ['PhantomJS', 'Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1'],
    ['curl', 'curl/8.4.0'],
    ['python-requests', 'python-requests/2.31.0'],
    ['Wget', 'Wget/1.21.4'],
    ['Go HTTP client', 'Go-http-client/1.1'],
    ['Puppeteer-tagged Chrome', `${CHROME_WINDOWS} Puppeteer`],
    ['Selenium-tagged Chrome', `${CHROME_WINDOWS} Selenium/4.16`],
    ['bare Electron runtime', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Electron/28.1.0 Chrome/120.0.6099.109 Electron/28.1.0 Safari/537.36'],
    ['Nightmare (Electron scraper)', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/66.0.3359.181 Electron/3.1.13 Safari/537.36'],
    ['empty', ''],
    ['blank', '   '],
  ])('%s is a bot', (_label, ua) => {
    expect(isBotUserAgent(ua)).toBe(true);
  });

  it('treats a missing user agent as a bot', () => {
    expect(isBotUserAgent(null)).toBe(true);
    expect(isBotUserAgent(undefined)).toBe(true);
  });

  it.each([
    ['Chrome / Windows', CHROME_WINDOWS],
    ['Safari / macOS', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2.1 Safari/605.1.15'],
    ['Mobile Safari / iPhone', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1'],
    ['Firefox / Linux', 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0'],
    ['Instagram in-app', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 311.0.3.23.104 (iPhone14,5; iOS 17_1_2; en_US; en; scale=3.00; 1170x2532; 545986989)'],
    ['Facebook in-app', 'Mozilla/5.0 (Linux; Android 13; SM-G991B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/442.0.0.33.113;]'],
    ['Slack desktop (named Electron app)', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Slack/4.36.140 Chrome/120.0.6099.56 Electron/28.0.0 Safari/537.36 Sonic Slack_SSB/4.36.140'],
    ['VS Code (named Electron app)', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Code/1.85.1 Chrome/114.0.5735.289 Electron/25.9.7 Safari/537.36'],
  ])('%s is not a bot', (_label, ua) => {
    expect(isBotUserAgent(ua)).toBe(false);
  });
});

describe('isSpamReferrer', () => {
  it('loads the vendored spam list', () => {
    expect(spamDomainCount()).toBeGreaterThan(2000);
  });

  it.each([
    'semalt.com',
    'www.semalt.com',
    'sub.deep.semalt.com',
    'SEMALT.COM.',
    'https://www.semalt.com/crawler?x=1',
    'darodar.com:8080',
    'buttons-for-website.com/path',
    'qiwi.xyz', // listed upper-case upstream
  ])('%s is spam', (host) => {
    expect(isSpamReferrer(host)).toBe(true);
  });

  it.each([
    'google.com',
    'notsemalt.com', // a suffix that is not a whole label
    'semalt.com.example.org', // the listed domain as a subdomain of someone else
    'https://news.ycombinator.com/',
    '',
    null,
    undefined,
    'https://',
  ])('%s is not spam', (host) => {
    expect(isSpamReferrer(host)).toBe(false);
  });
});

describe('isBotRequest', () => {
  it('passes a normal browser with a normal referrer', () => {
    expect(isBotRequest({ userAgent: CHROME_WINDOWS, referrerHost: 'www.google.com' })).toEqual({ bot: false });
  });

  it('flags bots with reason "bot"', () => {
    expect(isBotRequest({ userAgent: 'curl/8.4.0', referrerHost: null })).toEqual({ bot: true, reason: 'bot' });
  });

  it('flags referrer spam with reason "spam_referrer", even from a real browser', () => {
    expect(isBotRequest({ userAgent: CHROME_WINDOWS, referrerHost: 'www.semalt.com' })).toEqual({ bot: true, reason: 'spam_referrer' });
  });

  it('reports spam_referrer before bot, as Plausible checks spam first', () => {
    expect(isBotRequest({ userAgent: 'curl/8.4.0', referrerHost: 'ilovevitaly.com' })).toEqual({ bot: true, reason: 'spam_referrer' });
  });
});
