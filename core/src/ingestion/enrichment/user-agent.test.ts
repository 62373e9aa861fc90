import { describe, expect, it } from 'vitest';
import { majorMinor, parseUserAgent, userAgentInternals, type UserAgentInfo } from './user-agent.ts';

type Row = [label: string, ua: string, expected: UserAgentInfo];

const info = (
  browser: string,
  browserVersion: string,
  operatingSystem: string,
  operatingSystemVersion: string,
  screenSize: UserAgentInfo['screenSize'],
): UserAgentInfo => ({ browser, browserVersion, operatingSystem, operatingSystemVersion, screenSize });

// Real user agents as sent by current browsers, apps and tools.
const ROWS: Row[] = [
  ['Chrome / Windows', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    info('Chrome', '120.0', 'Windows', '10', 'Desktop')],
  ['Firefox / Windows 7', 'Mozilla/5.0 (Windows NT 6.1; Win64; x64; rv:109.0) Gecko/20100101 Firefox/115.0',
    info('Firefox', '115.0', 'Windows', '7', 'Desktop')],
  ['Safari / macOS', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2.1 Safari/605.1.15',
    info('Safari', '17.2', 'Mac', '10.15', 'Desktop')],
  ['Mobile Safari / iPhone', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
    info('Safari', '17.2', 'iOS', '17.2', 'Mobile')],
  ['Chrome / Android phone (Pixel 8)', 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36',
    info('Chrome', '120.0', 'Android', '14', 'Mobile')],
  ['Chrome / Android reduced UA phone', 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
    info('Chrome', '120.0', 'Android', '10', 'Mobile')],
  ['Chrome / Android reduced UA tablet', 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    info('Chrome', '120.0', 'Android', '10', 'Tablet')],
  ['Safari / iPad', 'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
    info('Safari', '16.6', 'iPadOS', '16.6', 'Tablet')],
  ['Samsung Internet', 'Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36',
    info('Samsung Browser', '23.0', 'Android', '13', 'Mobile')],
  ['Firefox / Linux', 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
    info('Firefox', '121.0', 'GNU/Linux', '', 'Desktop')],
  ['Firefox / Ubuntu', 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
    info('Firefox', '121.0', 'Ubuntu', '', 'Desktop')],
  ['Edge / Windows', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91',
    info('Microsoft Edge', '120.0', 'Windows', '10', 'Desktop')],
  ['Edge / Android', 'Mozilla/5.0 (Linux; Android 10; HD1913) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36 EdgA/120.0.2210.115',
    info('Microsoft Edge', '120.0', 'Android', '10', 'Mobile')],
  ['Opera / Windows', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0',
    info('Opera', '106.0', 'Windows', '10', 'Desktop')],
  ['Opera Mobile / Android', 'Mozilla/5.0 (Linux; Android 10; VOG-L29) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/96.0.4664.104 Mobile Safari/537.36 OPR/66.2.3445.62346',
    info('Opera', '66.2', 'Android', '10', 'Mobile')],
  ['Opera Mini / Android', 'Opera/9.80 (Android; Opera Mini/36.2.2254/119.132; U; id) Presto/2.12.423 Version/12.16',
    info('Opera', '36.2', 'Android', '', 'Mobile')],
  ['Opera Touch / iOS', 'Mozilla/5.0 (iPhone; CPU iPhone OS 15_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) OPT/3.2.11 Mobile/15E148',
    info('Opera', '3.2', 'iOS', '15.0', 'Mobile')],
  ['Chrome / iOS (CriOS)', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1',
    info('Chrome', '120.0', 'iOS', '17.2', 'Mobile')],
  ['Firefox / iOS (FxiOS)', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/121.0 Mobile/15E148 Safari/605.1.15',
    info('Firefox', '121.0', 'iOS', '17.2', 'Mobile')],
  ['Firefox / Android', 'Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0',
    info('Firefox', '121.0', 'Android', '14', 'Mobile')],
  ['Instagram in-app / iPhone', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 311.0.3.23.104 (iPhone14,5; iOS 17_1_2; en_US; en; scale=3.00; 1170x2532; 545986989)',
    info('Mobile App', '', 'iOS', '17.1', 'Mobile')],
  ['Instagram in-app / Android', 'Mozilla/5.0 (Linux; Android 13; SM-A536B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 Instagram 309.1.0.41.113 Android (33/13; 450dpi; 1080x2177; samsung; SM-A536B; a53x; s5e8825; en_GB; 541635890)',
    info('Mobile App', '', 'Android', '13', 'Mobile')],
  ['Facebook in-app / iPhone', 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBDV/iPhone13,2;FBMD/iPhone;FBSN/iOS;FBSV/16.6;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5;FBRV/0]',
    info('Mobile App', '', 'iOS', '16.6', 'Mobile')],
  ['Facebook in-app / Android', 'Mozilla/5.0 (Linux; Android 13; SM-G991B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/442.0.0.33.113;]',
    info('Mobile App', '', 'Android', '13', 'Mobile')],
  ['Android WebView', 'Mozilla/5.0 (Linux; Android 12; SM-G973F Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.144 Mobile Safari/537.36',
    info('Mobile App', '', 'Android', '12', 'Mobile')],
  ['Google app / iOS (GSA)', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) GSA/296.0.592289722 Mobile/15E148 Safari/604.1',
    info('Mobile App', '', 'iOS', '17.2', 'Mobile')],
  ['Chrome / Chromebook', 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    info('Chrome', '120.0', 'Chrome OS', '14541.0', 'Desktop')],
  ['Yandex Browser', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 YaBrowser/23.11.0.0 Safari/537.36',
    info('Yandex Browser', '23.11', 'Windows', '10', 'Desktop')],
  ['UC Browser / Android', 'Mozilla/5.0 (Linux; U; Android 11; en-US; RMX2193 Build/RP1A.200720.011) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/100.0.4896.58 UCBrowser/13.4.0.1306 Mobile Safari/537.36',
    info('UC Browser', '13.4', 'Android', '11', 'Mobile')],
  ['Internet Explorer 11', 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko',
    info('Internet Explorer', '11.0', 'Windows', '10', 'Desktop')],
  ['Kindle Fire (Silk)', 'Mozilla/5.0 (Linux; Android 9; KFTRWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/120.3.1 like Chrome/120.0.6099.230 Safari/537.36',
    info('Mobile Silk', '120.3', 'Android', '9', 'Tablet')],
  ['PlayStation 5', 'Mozilla/5.0 (PlayStation; PlayStation 5/2.26) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.0 Safari/605.1.15',
    info('Safari', '13.0', 'PlayStation', '5', 'Desktop')],
  ['Samsung smart TV', 'Mozilla/5.0 (SMART-TV; LINUX; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) 76.0.3809.146/6.0 TV Safari/537.36',
    info('Safari', '', 'Tizen', '6.0', 'Desktop')],
  ['Galaxy Watch', 'Mozilla/5.0 (Linux; Android 11; SM-R890 Build/RP1A.200720.012; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/111.0.5563.116 Mobile Safari/537.36',
    info('Mobile App', '', 'Android', '11', 'Mobile')],
  ['Tesla car browser', 'Mozilla/5.0 (X11; GNU/Linux) AppleWebKit/537.36 (KHTML, like Gecko) Chromium/79.0.3945.130 Chrome/79.0.3945.130 Safari/537.36 Tesla/2020.16.2.1-e99c70fff409',
    info('Tesla', '2020.16', 'GNU/Linux', '', 'Tablet')],
  ['HeadlessChrome', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.28 Safari/537.36',
    info('Headless Chrome', '120.0', 'GNU/Linux', '', 'Desktop')],
  ['Googlebot', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', info('', '', '', '', '')],
  ['curl', 'curl/8.4.0', info('', '', '', '', '')],
  ['empty', '', info('', '', '', '', '')],
];

describe('parseUserAgent', () => {
  it.each(ROWS)('%s', (_label, ua, expected) => {
    expect(parseUserAgent(ua)).toEqual(expected);
  });

  it('serves repeated user agents from the cache (same frozen object)', () => {
    const ua = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36';
    const first = parseUserAgent(ua);
    expect(parseUserAgent(ua)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(userAgentInternals.parseUncached(ua)).not.toBe(first);
    expect(userAgentInternals.parseUncached(ua)).toEqual(first);
  });

  it('bounds the cache at 10k entries', () => {
    userAgentInternals.clearCache();
    for (let i = 0; i < 10_050; i++) parseUserAgent(`Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/${i}.0.0.0 Safari/537.36`);
    expect(userAgentInternals.cacheSize()).toBe(10_000);
  });

  it('does not cache absurdly long user agents', () => {
    userAgentInternals.clearCache();
    const long = `Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0.0.0 ${'x'.repeat(2000)}`;
    expect(parseUserAgent(long).operatingSystem).toBe('Windows');
    expect(userAgentInternals.cacheSize()).toBe(0);
  });
});

describe('majorMinor', () => {
  it.each([
    ['120.0.6099.144', '120.0'],
    ['17.2', '17.2'],
    ['7', '7'],
    ['', ''],
    [undefined, ''],
  ])('%s -> %s', (version, expected) => {
    expect(majorMinor(version)).toBe(expected);
  });
});
