import { describe, expect, it } from 'vitest';
import { acquisitionChannel, CHANNELS, sourceCategory, type Channel } from './channel.ts';
import { resolveSource } from './referrer-source.ts';
import { readCampaign } from './utm.ts';

/** The enrichment chain as the pipeline runs it: source -> campaign -> channel. */
function channelFor(pageUrl: string, referrer: string | null = null): Channel {
  const page = new URL(pageUrl);
  const { referrerSource } = resolveSource({ pageUrl: page, referrer });
  const campaign = readCampaign(page, referrerSource);
  return acquisitionChannel({ referrerSource, ...campaign });
}

const input = (over: Partial<Parameters<typeof acquisitionChannel>[0]>) =>
  acquisitionChannel({ referrerSource: '', utmMedium: '', utmCampaign: '', utmSource: '', clickIdParam: '', ...over });

describe('acquisitionChannel: reference cases through the full chain', () => {
  it.each([
    ['Instagram via utm_source=ig', 'https://example.com/?utm_source=ig', null, 'Organic Social'],
    ['gclid with a Google referrer', 'https://example.com/?gclid=Cj0KCQiA', 'https://www.google.com/', 'Paid Search'],
    ['msclkid with a Bing referrer', 'https://example.com/?msclkid=3f2a', 'https://www.bing.com/', 'Paid Search'],
    ['same-host referrer', 'https://example.com/pricing', 'https://www.example.com/', 'Direct'],
    ['utm_medium=email', 'https://example.com/?utm_medium=email', null, 'Email'],
    ['utm_medium=cpc with utm_source=google', 'https://example.com/?utm_source=google&utm_medium=cpc', null, 'Paid Search'],
    ['utm_source=newsletter', 'https://example.com/?utm_source=newsletter', null, 'Email'],
    ['unknown referrer host', 'https://example.com/', 'https://www.someblog.dev/post', 'Referral'],
    ['no referrer, no tags', 'https://example.com/', null, 'Direct'],
    ['utm_medium=display', 'https://example.com/?utm_source=dsp&utm_medium=display', null, 'Display'],
    ['utm_medium=banner', 'https://example.com/?utm_medium=banner', null, 'Display'],
    ['utm_medium=affiliate', 'https://example.com/?utm_source=partner&utm_medium=affiliate', null, 'Affiliates'],
    ['Google organic', 'https://example.com/', 'https://www.google.com/', 'Organic Search'],
    ['DuckDuckGo organic', 'https://example.com/', 'https://duckduckgo.com/', 'Organic Search'],
    ['Facebook link shim', 'https://example.com/', 'https://l.facebook.com/', 'Organic Social'],
    ['t.co', 'https://example.com/', 'https://t.co/abc', 'Organic Social'],
    ['Hacker News (Plausible override)', 'https://example.com/', 'https://news.ycombinator.com/item?id=1', 'Organic Social'],
    ['Reddit', 'https://example.com/', 'https://www.reddit.com/r/webdev/', 'Organic Social'],
    ['YouTube', 'https://example.com/', 'https://www.youtube.com/', 'Organic Video'],
    ['Gmail app (override: email)', 'https://example.com/', 'android-app://com.google.android.gm', 'Email'],
    ['ChatGPT', 'https://example.com/', 'https://chatgpt.com/', 'AI Assistants'],
    ['ChatGPT utm_source=chatgpt.com', 'https://example.com/?utm_source=chatgpt.com', null, 'AI Assistants'],
    ['Perplexity', 'https://example.com/', 'https://www.perplexity.ai/search', 'AI Assistants'],
    ['Claude', 'https://example.com/', 'https://claude.ai/chat/1', 'AI Assistants'],
    ['Gemini', 'https://example.com/', 'https://gemini.google.com/app', 'AI Assistants'],
    ['Copilot', 'https://example.com/', 'https://copilot.microsoft.com/', 'AI Assistants'],
    ['Facebook ads via paid utm_source', 'https://example.com/?utm_source=fb-ads', null, 'Paid Social'],
  ])('%s -> %s', (_label, page, referrer, expected) => {
    expect(channelFor(page, referrer)).toBe(expected);
  });
});

describe('acquisitionChannel: table rows', () => {
  it.each<[string, Parameters<typeof input>[0], Channel]>([
    ['cross-network campaign wins over everything', { referrerSource: 'Google', clickIdParam: 'gclid', utmCampaign: 'PMax Cross-Network' }, 'Cross-network'],
    ['shopping source + paid medium', { referrerSource: 'amazon', utmMedium: 'ppc' }, 'Paid Shopping'],
    ['shopping campaign + paid medium', { utmCampaign: 'summer-shop', utmMedium: 'cpc' }, 'Paid Shopping'],
    ['"workshop" is not a shopping campaign', { utmCampaign: 'workshop', utmMedium: 'cpc' }, 'Paid Other'],
    ['search source + paid utm_source', { referrerSource: 'Google', utmSource: 'adwords' }, 'Paid Search'],
    ['gclid needs source google', { referrerSource: 'DuckDuckGo', clickIdParam: 'gclid' }, 'Organic Search'],
    ['social source + paid medium', { referrerSource: 'Facebook', utmMedium: 'paid_social' }, 'Paid Social'],
    ['video source + paid medium', { referrerSource: 'Youtube', utmMedium: 'cpv' }, 'Paid Video'],
    ['cpm is display', { utmMedium: 'cpm' }, 'Display'],
    ['interstitial is display', { utmMedium: 'interstitial' }, 'Display'],
    ['paid medium, unknown source', { referrerSource: 'somesite.com', utmMedium: 'retargeting' }, 'Paid Other'],
    ['AI source with a paid medium is Paid Other', { referrerSource: 'ChatGPT', utmMedium: 'cpc' }, 'Paid Other'],
    ['shopping source organic', { referrerSource: 'ebay.com' }, 'Organic Shopping'],
    ['temu.com (override)', { referrerSource: 'temu.com' }, 'Organic Shopping'],
    ['social medium without a known source', { utmMedium: 'social-media' }, 'Organic Social'],
    ['GitHub (override)', { referrerSource: 'GitHub' }, 'Organic Social'],
    ['medium containing video', { utmMedium: 'promo-video' }, 'Organic Video'],
    ['Yahoo! (override)', { referrerSource: 'Yahoo!' }, 'Organic Search'],
    ['Ecosia (override)', { referrerSource: 'Ecosia' }, 'Organic Search'],
    ['email in utm_source', { utmSource: 'weekly-email' }, 'Email'],
    ['e-mail in utm_medium', { utmMedium: 'E-Mail' }, 'Email'],
    ['audio', { utmMedium: 'audio' }, 'Audio'],
    ['sms source', { utmSource: 'sms' }, 'SMS'],
    ['sms medium', { utmMedium: 'SMS' }, 'SMS'],
    ['push medium', { utmMedium: 'web-push' }, 'Mobile Push Notifications'],
    ['notification medium', { utmMedium: 'app_notification' }, 'Mobile Push Notifications'],
    ['firebase source', { referrerSource: 'firebase' }, 'Mobile Push Notifications'],
    ['referral medium, no source', { utmMedium: 'link' }, 'Referral'],
    ['any other source', { referrerSource: 'partner.example' }, 'Referral'],
    ['nothing', {}, 'Direct'],
    ['inputs are lower-cased', { referrerSource: 'GOOGLE', utmMedium: 'CPC' }, 'Paid Search'],
  ])('%s -> %s', (_label, over, expected) => {
    expect(input(over)).toBe(expected);
  });

  it('accepts null inputs', () => {
    expect(acquisitionChannel({ referrerSource: null, utmMedium: null, utmCampaign: null, utmSource: null, clickIdParam: null })).toBe('Direct');
  });
});

describe('channel list and categories', () => {
  it('has the 18 Plausible channels plus AI Assistants, placed before Organic Search', () => {
    expect(CHANNELS).toHaveLength(19);
    expect(CHANNELS.indexOf('AI Assistants')).toBe(CHANNELS.indexOf('Organic Search') - 1);
    expect(CHANNELS[0]).toBe('Cross-network');
    expect(CHANNELS[CHANNELS.length - 1]).toBe('Direct');
  });

  it.each([
    ['Google', 'search'],
    ['bing', 'search'],
    ['Hacker News', 'social'],
    ['Hatena', 'social'], // GA4 lists it capitalised; lookups are case-insensitive
    ['Gmail', 'email'],
    ['temu.com', 'shopping'],
    ['Youtube', 'video'],
    ['perplexity', 'ai_assistants'],
    ['chatgpt.com', 'ai_assistants'],
    ['Google Gemini', 'ai_assistants'],
    ['somesite.com', null],
  ])('sourceCategory(%s) = %s', (source, category) => {
    expect(sourceCategory(source)).toBe(category);
  });
});
