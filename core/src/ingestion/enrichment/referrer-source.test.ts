import { describe, expect, it } from 'vitest';
import { isPaidSource, parseReferral, resolveSource } from './referrer-source.ts';
import { canonicalSourceName, lookupReferrerHost, sourceDatabaseSize } from './source-database.ts';

const PAGE = new URL('https://example.com/blog/post');

const resolve = (referrer: string | null, page: URL | string = PAGE) =>
  resolveSource({ pageUrl: typeof page === 'string' ? new URL(page) : page, referrer });

describe('resolveSource: referrer only', () => {
  it.each([
    ['Google', 'https://www.google.com/', 'Google', 'google.com'],
    ['Google UK search', 'https://www.google.co.uk/search?q=qusto', 'Google', 'google.co.uk/search'],
    ['Google Images (path rule)', 'https://www.google.com/imgres?imgurl=x', 'Google Images', 'google.com/imgres'],
    ['Bing', 'https://www.bing.com/', 'Bing', 'bing.com'],
    ['DuckDuckGo', 'https://duckduckgo.com/', 'DuckDuckGo', 'duckduckgo.com'],
    ['Facebook link shim', 'https://l.facebook.com/', 'Facebook', 'l.facebook.com'],
    ['Facebook mobile', 'https://m.facebook.com/story.php', 'Facebook', 'm.facebook.com/story.php'],
    ['t.co', 'https://t.co/AbC123xyz', 'Twitter', 't.co/AbC123xyz'],
    ['x.com', 'https://x.com/', 'Twitter', 'x.com'],
    ['Hacker News', 'https://news.ycombinator.com/item?id=38000000', 'Hacker News', 'news.ycombinator.com/item'],
    ['Reddit', 'https://www.reddit.com/r/programming/comments/abc/title/', 'Reddit', 'reddit.com/r/programming/comments/abc/title'],
    ['Reddit outbound', 'https://out.reddit.com/t3_abc', 'Reddit', 'out.reddit.com/t3_abc'],
    ['Instagram link shim', 'https://l.instagram.com/', 'Instagram', 'l.instagram.com'],
    ['LinkedIn short link', 'https://lnkd.in/eXaMpLe', 'LinkedIn', 'lnkd.in/eXaMpLe'],
    ['Gmail app', 'android-app://com.google.android.gm', 'Gmail', 'android-app://com.google.android.gm'],
    ['Gmail app with trailing slash', 'android-app://com.google.android.gm/', 'Gmail', 'android-app://com.google.android.gm'],
    ['unknown Android app', 'android-app://com.example.reader', 'android-app://com.example.reader', 'android-app://com.example.reader'],
    ['unknown blog', 'https://www.someblog.dev/posts/hello-world/', 'someblog.dev', 'someblog.dev/posts/hello-world'],
    ['unknown host, port dropped', 'http://blog.example.org:8080/a//', 'blog.example.org', 'blog.example.org/a'],
    ['custom source: Wikipedia (any language, by suffix)', 'https://en.m.wikipedia.org/wiki/Web_analytics', 'Wikipedia', 'en.m.wikipedia.org/wiki/Web_analytics'],
    ['custom source: Perplexity', 'https://www.perplexity.ai/', 'Perplexity', 'perplexity.ai'],
    ['custom source: ChatGPT', 'https://chatgpt.com/', 'ChatGPT', 'chatgpt.com'],
    ['custom source: Gemini beats google.com', 'https://gemini.google.com/app', 'Google Gemini', 'gemini.google.com/app'],
    ['custom source: Brave beats the referer DB name', 'https://search.brave.com/search?q=x', 'Brave', 'search.brave.com/search'],
    ['custom source: Telegram', 'https://t.me/somechannel', 'Telegram', 't.me/somechannel'],
    ['label-bounded suffix match', 'https://notgoogle.com/', 'notgoogle.com', 'notgoogle.com'],
  ])('%s', (_label, referrer, source, ref) => {
    expect(resolve(referrer)).toEqual({ referrerSource: source, referrer: ref });
  });

  it.each([
    ['no referrer', null],
    ['empty referrer', ''],
    ['same host', 'https://example.com/other-page'],
    ['same host with www on the referrer', 'https://www.example.com/other-page'],
    ['localhost', 'http://localhost:3000/'],
    ['file scheme', 'file:///Users/me/page.html'],
    ['ftp scheme', 'ftp://files.example.org/'],
    ['browser extension', 'chrome-extension://abcdefghijklmnop/popup.html'],
    ['not a URL', 'not a url at all'],
    ['scheme without host', 'https://'],
  ])('%s -> Direct (empty source and referrer)', (_label, referrer) => {
    expect(resolve(referrer)).toEqual({ referrerSource: '', referrer: '' });
  });

  it('compares hosts without www on the page side too', () => {
    expect(resolve('https://example.com/', 'https://www.example.com/')).toEqual({ referrerSource: '', referrer: '' });
  });

  it('keeps a subdomain of the page host as a referral', () => {
    expect(resolve('https://docs.example.com/start')).toEqual({ referrerSource: 'docs.example.com', referrer: 'docs.example.com/start' });
  });
});

describe('resolveSource: tagged sources', () => {
  it.each([
    ['utm_source=ig', 'Instagram'],
    ['utm_source=fb', 'Facebook'],
    ['utm_source=fb-ads', 'Facebook'],
    ['utm_source=yt', 'Youtube'],
    ['utm_source=adwords', 'Google'],
    ['utm_source=google_ads', 'Google'],
    ['utm_source=google', 'Google'],
    ['utm_source=GOOGLE', 'Google'],
    ['utm_source=duckduckgo', 'DuckDuckGo'],
    ['utm_source=hacker+news', 'Hacker News'],
    ['utm_source=perplexity', 'Perplexity'],
    ['utm_source=chatgpt.com', 'ChatGPT'],
    ['utm_source=t.me', 'Telegram'],
    ['utm_source=wikipedia', 'Wikipedia'],
    ['utm_source=newsletter', 'newsletter'], // unknown: stored as sent
    ['utm_source=Spring+Mailer', 'Spring Mailer'],
    ['source=ig', 'Instagram'],
    ['ref=producthunt.com', 'Product Hunt'],
    ['ref=my-partner', 'my-partner'],
    ['utm_source=ig&source=fb&ref=yt', 'Instagram'],
    ['source=fb&ref=yt', 'Facebook'],
    ['utm_source=&source=fb', 'Facebook'], // a blank utm_source counts as absent
  ])('?%s -> %s', (query, source) => {
    expect(resolve(null, `https://example.com/?${query}`).referrerSource).toBe(source);
  });

  it('Instagram via utm_source=ig with no referrer (in-app browsers send none)', () => {
    expect(resolve(null, 'https://example.com/?utm_source=ig')).toEqual({ referrerSource: 'Instagram', referrer: '' });
  });

  it('a tag wins over the referrer for the source, but the referrer column still records the referral', () => {
    expect(resolve('https://www.google.com/', 'https://example.com/?utm_source=newsletter')).toEqual({
      referrerSource: 'newsletter',
      referrer: 'google.com',
    });
  });

  it('a tag applies even when the referrer is the same site', () => {
    expect(resolve('https://example.com/', 'https://example.com/?utm_source=ig')).toEqual({ referrerSource: 'Instagram', referrer: '' });
  });
});

describe('source database', () => {
  it('loads the vendored referer database', () => {
    expect(sourceDatabaseSize()).toBeGreaterThan(1500);
  });

  it('matches the longest host suffix, whole labels only', () => {
    expect(lookupReferrerHost('www.google.de')).toBe('Google');
    expect(lookupReferrerHost('mail.google.com')).toBe('Gmail');
    expect(lookupReferrerHost('google.com.evil.example')).toBeNull();
    expect(lookupReferrerHost('xgoogle.com')).toBeNull();
  });

  it('maps known names and aliases case-insensitively, leaving unknown names alone', () => {
    expect(canonicalSourceName('YAHOO!')).toBe('Yahoo!');
    expect(canonicalSourceName('tiktokads')).toBe('TikTok');
    expect(canonicalSourceName('Some Partner')).toBe('Some Partner');
  });

  it('knows paid sources: aliases ending in ad/ads, plus adwords', () => {
    expect(isPaidSource('adwords')).toBe(true);
    expect(isPaidSource('fb-ads')).toBe(true);
    expect(isPaidSource('Facebook_Ad')).toBe(true);
    expect(isPaidSource('google ads')).toBe(true);
    expect(isPaidSource('facebook')).toBe(false);
    expect(isPaidSource('newsletter')).toBe(false);
  });
});

describe('parseReferral', () => {
  it('returns the raw host, path and app prefix of a valid referral', () => {
    expect(parseReferral('https://WWW.Reddit.com/r/x/', PAGE)).toEqual({ host: 'www.reddit.com', path: '/r/x/', prefix: '' });
    expect(parseReferral('android-app://com.Slack', PAGE)).toEqual({ host: 'com.slack', path: '', prefix: 'android-app://' });
  });
});
