import { describe, expect, it } from 'vitest';
import { clickIdParam, queryParam, readCampaign, taggedSource } from './utm.ts';

const url = (query: string) => new URL(`https://example.com/landing?${query}`);

describe('readCampaign', () => {
  it('reads every utm_* parameter, decoding + and percent escapes', () => {
    expect(
      readCampaign(url('utm_source=newsletter&utm_medium=email&utm_campaign=spring+sale%21&utm_content=hero%20button&utm_term=web+analytics')),
    ).toEqual({
      utmMedium: 'email',
      utmSource: 'newsletter',
      utmCampaign: 'spring sale!',
      utmContent: 'hero button',
      utmTerm: 'web analytics',
      clickIdParam: '',
    });
  });

  it('returns empty strings for an untagged URL', () => {
    expect(readCampaign(new URL('https://example.com/'))).toEqual({
      utmMedium: '', utmSource: '', utmCampaign: '', utmContent: '', utmTerm: '', clickIdParam: '',
    });
  });

  it('keeps utm_source raw (not mapped): ig stays ig', () => {
    expect(readCampaign(url('utm_source=ig'), 'Instagram').utmSource).toBe('ig');
  });

  it('falls back to source, then ref, for utm_source', () => {
    expect(readCampaign(url('source=fb&ref=yt')).utmSource).toBe('fb');
    expect(readCampaign(url('ref=yt')).utmSource).toBe('yt');
  });

  it('infers (gclid) for Google + gclid without utm_medium', () => {
    expect(readCampaign(url('gclid=Cj0KCQiA'), 'Google')).toMatchObject({ utmMedium: '(gclid)', clickIdParam: 'gclid' });
  });

  it('infers (msclkid) for Bing + msclkid without utm_medium', () => {
    expect(readCampaign(url('msclkid=3f2a9b'), 'Bing')).toMatchObject({ utmMedium: '(msclkid)', clickIdParam: 'msclkid' });
  });

  it('does not infer a medium when the source does not match the click id', () => {
    expect(readCampaign(url('gclid=abc'), 'Bing').utmMedium).toBe('');
    expect(readCampaign(url('msclkid=abc'), 'Google').utmMedium).toBe('');
    expect(readCampaign(url('gclid=abc')).utmMedium).toBe('');
  });

  it('never overrides an explicit utm_medium', () => {
    expect(readCampaign(url('gclid=abc&utm_medium=cpc'), 'Google').utmMedium).toBe('cpc');
  });

  it('treats a blank utm_medium as absent for the inference', () => {
    expect(readCampaign(url('gclid=abc&utm_medium='), 'Google').utmMedium).toBe('(gclid)');
  });
});

describe('clickIdParam', () => {
  it.each([
    ['gclid=1', 'gclid'],
    ['gbraid=1', 'gbraid'],
    ['wbraid=1', 'wbraid'],
    ['msclkid=1', 'msclkid'],
    ['fbclid=IwAR1', 'fbclid'],
    ['twclid=2', 'twclid'],
    ['fbclid=1&gclid=2', 'gclid'], // list order, not URL order
    ['msclkid=1&twclid=2', 'msclkid'],
    ['gclid=', 'gclid'], // presence is enough
    ['GCLID=1', ''], // parameter names are case-sensitive
    ['dclid=1', ''],
  ])('?%s -> %s', (query, expected) => {
    expect(clickIdParam(url(query))).toBe(expected);
  });
});

describe('query helpers', () => {
  it('last value wins for repeated keys, as in Plausible', () => {
    expect(queryParam(url('utm_campaign=a&utm_campaign=b'), 'utm_campaign')).toBe('b');
  });

  it('taggedSource ignores blank values', () => {
    expect(taggedSource(url('utm_source=%20&ref=partner'))).toBe('partner');
    expect(taggedSource(url('utm_medium=email'))).toBe('');
  });
});
