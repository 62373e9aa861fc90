// Enrichment stages of the ingestion pipeline: each a pure function over request data.
export { parseUserAgent, majorMinor, MOBILE_APP } from './user-agent.ts';
export type { UserAgentInfo, ScreenSize } from './user-agent.ts';
export { isBotRequest, isBotUserAgent, isSpamReferrer } from './bot-detector.ts';
export type { BotReason, BotRequest, BotVerdict } from './bot-detector.ts';
export { resolveSource, parseReferral, isPaidSource } from './referrer-source.ts';
export type { SourceInput, SourceResult } from './referrer-source.ts';
export { canonicalSourceName, lookupReferrerHost } from './source-database.ts';
export { readCampaign, taggedSource, clickIdParam, CLICK_ID_PARAMS } from './utm.ts';
export type { Campaign, ClickIdParam } from './utm.ts';
export { acquisitionChannel, sourceCategory, CHANNELS } from './channel.ts';
export type { Channel, ChannelInput, SourceCategory } from './channel.ts';
export { createGeolocator, countryDbPath, normaliseIp } from './geolocation.ts';
export type { GeoLocation, Geolocator, GeolocatorOptions, NamedPlace } from './geolocation.ts';
export { parsePageUrl, NO_HOSTNAME } from './page-url.ts';
export type { PageUrl } from './page-url.ts';
