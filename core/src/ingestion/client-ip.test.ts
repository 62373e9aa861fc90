import { describe, expect, it } from 'vitest';
import { cleanIp, createClientIpResolver } from './client-ip.ts';

const request = (headers: Record<string, string>, remoteAddress = '10.0.0.5') => ({ headers, socket: { remoteAddress } });

describe('client IP', () => {
  it('uses the socket address and ignores proxy headers when no proxy is trusted', () => {
    const resolve = createClientIpResolver([]);
    expect(resolve(request({ 'x-forwarded-for': '1.2.3.4' }, '::ffff:10.0.0.5'))).toBe('10.0.0.5');
  });

  it('believes headers only from a trusted proxy, in Plausible order', () => {
    const resolve = createClientIpResolver(['10.0.0.0/8']);
    expect(resolve(request({ 'x-forwarded-for': '1.2.3.4, 10.0.0.1' }))).toBe('1.2.3.4');
    expect(resolve(request({ 'x-forwarded-for': '1.2.3.4', 'cf-connecting-ip': '5.6.7.8' }))).toBe('5.6.7.8');
    expect(resolve(request({ 'x-plausible-ip': '9.9.9.9', 'cf-connecting-ip': '5.6.7.8' }))).toBe('9.9.9.9');
    expect(resolve(request({ forwarded: 'for="[2001:db8::1]:4711";proto=https' }))).toBe('2001:db8::1');
    expect(resolve(request({ 'x-forwarded-for': '1.2.3.4' }, '203.0.113.9'))).toBe('203.0.113.9');
  });

  it('skips garbage and falls back to the socket', () => {
    const resolve = createClientIpResolver(['true']);
    expect(resolve(request({ 'x-forwarded-for': 'unknown' }))).toBe('10.0.0.5');
  });

  it.each([
    ['1.2.3.4:123', '1.2.3.4'],
    ['[::1]:123', '::1'],
    ['"192.0.2.60"', '192.0.2.60'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['not-an-ip', ''],
  ])('cleans %s', (raw, expected) => {
    expect(cleanIp(raw)).toBe(expected);
  });
});
