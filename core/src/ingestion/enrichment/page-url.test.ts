import { describe, expect, it } from 'vitest';
import { parsePageUrl, safeDecode } from './page-url.ts';

describe('parsePageUrl', () => {
  it.each([
    ['https://www.example.com/blog/post?x=1', false, 'example.com', '/blog/post'],
    ['https://example.com', false, 'example.com', '/'],
    ['https://example.com/', false, 'example.com', '/'],
    ['https://WWW.Example.COM/About', false, 'example.com', '/About'],
    ['https://www2.example.com/', false, 'www2.example.com', '/'],
    ['https://www.www.example.com/', false, 'www.example.com', '/'], // only one www. is stripped
    ['https://blog.example.com:8443/x', false, 'blog.example.com', '/x'],
    ['https://example.com/caf%C3%A9', false, 'example.com', '/café'],
    ['https://example.com/café', false, 'example.com', '/café'], // raw non-ASCII (encoded by URL, decoded back)
    ['https://example.com/a%2Fb', false, 'example.com', '/a/b'],
    ['https://example.com/hello%20world', false, 'example.com', '/hello world'],
    ['https://example.com/trailing%20%20', false, 'example.com', '/trailing'],
    ['https://example.com/tab%09', false, 'example.com', '/tab'],
    ['https://example.com/%E0%A4%A', false, 'example.com', '/%E0%A4%A'], // malformed: kept raw
    ['https://example.com/100%', false, 'example.com', '/100%'],
    ['https://example.com/%zz/ok', false, 'example.com', '/%zz/ok'],
    ['file:///Users/me/index.html', false, '(none)', '/Users/me/index.html'],
  ])('%s (hash=%s) -> %s %s', (url, hashMode, hostname, pathname) => {
    const result = parsePageUrl(url, hashMode);
    expect(result.hostname).toBe(hostname);
    expect(result.pathname).toBe(pathname);
  });

  it.each([
    ['https://example.com/app#/settings/profile', '/app#/settings/profile'],
    ['https://example.com/#/caf%C3%A9', '/#/café'],
    ['https://example.com/docs/#intro', '/docs/#intro'],
    ['https://example.com/page#', '/page'], // empty fragment: no suffix
    ['https://example.com/page', '/page'],
    ['https://example.com/#%E0%A4%A', '/#%E0%A4%A'], // malformed fragment kept raw
  ])('hash mode: %s -> %s', (url, pathname) => {
    expect(parsePageUrl(url, true).pathname).toBe(pathname);
  });

  it('ignores the fragment without hash mode', () => {
    expect(parsePageUrl('https://example.com/app#/settings', false).pathname).toBe('/app');
  });

  it('returns the parsed URL for the query-string stages', () => {
    const { url } = parsePageUrl('https://www.example.com/?utm_source=ig', false);
    expect(url).toBeInstanceOf(URL);
    expect(url.searchParams.get('utm_source')).toBe('ig');
    expect(url.hostname).toBe('www.example.com');
  });

  it('does not throw on an unparsable URL', () => {
    const result = parsePageUrl('not a url', false);
    expect(result.hostname).toBe('(none)');
    expect(result.pathname).toBe('/');
    expect(result.url.href).toBe('about:blank');
  });
});

describe('safeDecode', () => {
  it('decodes valid escapes and keeps malformed input', () => {
    expect(safeDecode('%F0%9F%9A%80')).toBe('🚀');
    expect(safeDecode('%F0%9F%9A')).toBe('%F0%9F%9A');
  });
});
