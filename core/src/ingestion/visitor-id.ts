import { createHmac } from 'node:crypto';

/**
 * The visitor id: a keyed hash of the day's salt over site, IP and user agent, as a decimal
 * UInt64. Without the salt (deleted after two days) it cannot be linked back to the visitor.
 * The event's root domain is part of the input, as in Plausible, so two sites rolled into one
 * domain list still count separately.
 */
export function visitorId(salt: Buffer, input: { siteId: string; rootDomain: string; ip: string; userAgent: string }): string {
  const digest = createHmac('sha256', salt)
    .update(`${input.userAgent}\u0000${input.ip}\u0000${input.siteId}\u0000${input.rootDomain}`)
    .digest();
  // Top bit cleared: ids stay positive as signed 64-bit too (safer for clients and joins).
  return (digest.readBigUInt64BE(0) & 0x7fffffffffffffffn).toString();
}
