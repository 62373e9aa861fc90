import proxyAddr from '@fastify/proxy-addr';
import { isIP } from 'node:net';

export interface ClientIpRequest {
  headers: Record<string, string | string[] | undefined>;
  socket: { remoteAddress?: string | undefined };
}

/** Strips ports (`1.2.3.4:123`, `[::1]:123`), quotes and brackets; '' unless a valid IP remains. */
export function cleanIp(raw: string | undefined): string {
  if (!raw) return '';
  let ip = raw.trim().replace(/^"|"$/g, '');
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
  if (bracketed) ip = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(ip)) ip = ip.slice(0, ip.lastIndexOf(':'));
  if (ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4) ip = ip.slice(7);
  return isIP(ip) ? ip : '';
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(',')[0];

/** `Forwarded: for=192.0.2.60;proto=http, for="[2001:db8::1]"` → first `for`. */
function forwardedFor(value: string | string[] | undefined): string | undefined {
  const header = Array.isArray(value) ? value[0] : value;
  return header ? /for=("?\[?[^;,"]+\]?"?)/i.exec(header)?.[1] : undefined;
}

/**
 * Resolves the visitor's IP. Proxy headers are believed only when the socket peer is a trusted
 * proxy (`TRUSTED_PROXIES`); then the first non-empty of Plausible's order wins:
 * X-Plausible-IP, CF-Connecting-IP, B-Forwarded-For, X-Forwarded-For, Forwarded.
 */
export function createClientIpResolver(trustedProxies: string[]): (request: ClientIpRequest) => string {
  const trustAll = trustedProxies.length === 1 && trustedProxies[0] === 'true';
  const trust = trustAll ? () => true : trustedProxies.length > 0 ? proxyAddr.compile(trustedProxies) : () => false;
  return (request) => {
    const socketIp = cleanIp(request.socket.remoteAddress);
    if (!trust(request.socket.remoteAddress ?? '', 0)) return socketIp;
    const h = request.headers;
    const candidates = [
      first(h['x-plausible-ip']),
      first(h['cf-connecting-ip']),
      first(h['b-forwarded-for']),
      first(h['x-forwarded-for']),
      forwardedFor(h.forwarded),
    ];
    for (const candidate of candidates) {
      const ip = cleanIp(candidate);
      if (ip) return ip;
    }
    return socketIp;
  };
}
