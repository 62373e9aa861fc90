// Acquisition channel (reference §4.4, the ordered channel table; Plausible's `acquisition_channel`).
//
// Qusto adds Plausible's post-3.2 "AI Assistants" channel (ChatGPT, Claude, Perplexity, Gemini, Copilot,
// ...), checked after Organic Video and before Organic Search. Placing it before Organic Search is what
// makes the channel reachable at all for sources that the 3.2 overrides listed as search (Perplexity,
// chatgpt.com): those names now carry the `ai_assistants` category instead. Because AI sources are not
// "search"/"social"/"video", paid traffic from them (utm_medium=cpc) lands in Paid Other, as in Plausible.
import { lazy, readDataFile } from './data-files.ts';
import { isPaidSource } from './source-database.ts';

export const CHANNELS = [
  'Cross-network',
  'Paid Shopping',
  'Paid Search',
  'Paid Social',
  'Paid Video',
  'Display',
  'Paid Other',
  'Organic Shopping',
  'Organic Social',
  'Organic Video',
  'AI Assistants',
  'Organic Search',
  'Email',
  'Affiliates',
  'Audio',
  'SMS',
  'Mobile Push Notifications',
  'Referral',
  'Direct',
] as const;
export type Channel = (typeof CHANNELS)[number];

export type SourceCategory = 'search' | 'social' | 'shopping' | 'video' | 'email' | 'ai_assistants';

export interface ChannelInput {
  referrerSource: string | null | undefined;
  utmMedium: string | null | undefined;
  utmCampaign: string | null | undefined;
  utmSource: string | null | undefined;
  clickIdParam: string | null | undefined;
}

interface CategoryFile {
  ga4: Partial<Record<SourceCategory, string[]>>;
  overrides: Partial<Record<SourceCategory, string[]>>;
}

const categories = lazy((): Map<string, SourceCategory> => {
  const file = JSON.parse(readDataFile('source-categories.json')) as CategoryFile;
  const map = new Map<string, SourceCategory>();
  // GA4's list first, then the overrides (which win). Keys are lower-cased: the inputs are.
  for (const layer of [file.ga4, file.overrides]) {
    for (const [category, names] of Object.entries(layer) as [SourceCategory, string[]][]) {
      for (const name of names) map.set(name.toLowerCase(), category);
    }
  }
  return map;
});

/** Category of a source name (case-insensitive), e.g. `Google` -> `search`; null when uncategorised. */
export function sourceCategory(source: string): SourceCategory | null {
  return categories().get(source.toLowerCase()) ?? null;
}

const SHOPPING_CAMPAIGN = /^(.*(([^a-df-z]|^)shop|shopping).*)$/;
const PAID_MEDIUM = /^(.*cp.*|ppc|retargeting|paid.*)$/;
const DISPLAY_MEDIUMS = new Set(['display', 'banner', 'expandable', 'interstitial', 'cpm']);
const SOCIAL_MEDIUMS = new Set(['social', 'social-network', 'social-media', 'sm', 'social network', 'social media']);
const EMAIL_TAGS = ['email', 'e-mail', 'e_mail', 'e mail', 'newsletter'];
const REFERRAL_MEDIUMS = new Set(['referral', 'app', 'link']);

/** First matching row of the channel table wins; all inputs are compared lower-cased. */
export function acquisitionChannel(input: ChannelInput): Channel {
  const source = (input.referrerSource ?? '').toLowerCase();
  const medium = (input.utmMedium ?? '').toLowerCase();
  const campaign = (input.utmCampaign ?? '').toLowerCase();
  const utmSource = (input.utmSource ?? '').toLowerCase();
  const clickId = (input.clickIdParam ?? '').toLowerCase();

  const category = source === '' ? null : sourceCategory(source);
  const paidMedium = PAID_MEDIUM.test(medium);
  const paidSource = utmSource !== '' && isPaidSource(utmSource);
  const shoppingCampaign = SHOPPING_CAMPAIGN.test(campaign);

  if (campaign.includes('cross-network')) return 'Cross-network';
  if ((category === 'shopping' || shoppingCampaign) && paidMedium) return 'Paid Shopping';
  if (
    (category === 'search' && (paidMedium || paidSource)) ||
    (source === 'google' && clickId === 'gclid') ||
    (source === 'bing' && clickId === 'msclkid')
  ) {
    return 'Paid Search';
  }
  if (category === 'social' && (paidMedium || paidSource)) return 'Paid Social';
  if (category === 'video' && (paidMedium || paidSource)) return 'Paid Video';
  if (DISPLAY_MEDIUMS.has(medium)) return 'Display';
  if (paidMedium) return 'Paid Other';
  if (category === 'shopping' || shoppingCampaign) return 'Organic Shopping';
  if (category === 'social' || SOCIAL_MEDIUMS.has(medium)) return 'Organic Social';
  if (category === 'video' || medium.includes('video')) return 'Organic Video';
  if (category === 'ai_assistants') return 'AI Assistants';
  if (category === 'search') return 'Organic Search';
  if (category === 'email' || EMAIL_TAGS.some((t) => utmSource.includes(t) || medium.includes(t))) return 'Email';
  if (medium === 'affiliate') return 'Affiliates';
  if (medium === 'audio') return 'Audio';
  if (utmSource === 'sms' || medium === 'sms') return 'SMS';
  if (medium.endsWith('push') || medium.includes('mobile') || medium.includes('notification') || source === 'firebase') {
    return 'Mobile Push Notifications';
  }
  if (REFERRAL_MEDIUMS.has(medium) || source !== '') return 'Referral';
  return 'Direct';
}
