import { describe, expect, it } from 'vitest';
import { describeRole } from '../auth/invitation.ts';
import { newPasswordProblem } from '../auth/parts.tsx';
import {
  accountPath,
  cleanCode,
  defaultScopes,
  describeUserAgent,
  formatRecoveryCode,
  groupSecret,
  initialOf,
  recoveryCodesFileName,
  recoveryCodesText,
  scopeAllowed,
  sectionOf,
  sortSessions,
  timeAgo,
} from './model.ts';

describe('account sections', () => {
  it('maps /account to the profile and refuses unknown sections', () => {
    expect(sectionOf(null)).toBe('profile');
    expect(sectionOf('profile')).toBe('profile');
    expect(sectionOf('api-keys')).toBe('api-keys');
    expect(sectionOf('billing')).toBeNull();
    expect(sectionOf('constructor')).toBeNull();
  });

  it('links the profile as /account and the rest by name', () => {
    expect(accountPath('profile')).toBe('/account');
    expect(accountPath('security')).toBe('/account/security');
  });
});

describe('initialOf', () => {
  it('takes the name’s first letter, else the email’s, upper-cased', () => {
    expect(initialOf('ada lovelace', 'ada@example.com')).toBe('A');
    expect(initialOf('', 'zoe@example.com')).toBe('Z');
    expect(initialOf('  ', '_x@example.com')).toBe('X');
    expect(initialOf(null, 'émile@example.com')).toBe('É');
    expect(initialOf('', '')).toBe('?');
  });
});

describe('describeUserAgent', () => {
  const cases: Array<[string, string, boolean]> = [
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36', 'Chrome on Windows', false],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0', 'Edge on Windows', false],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', 'Safari on macOS', false],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0', 'Firefox on Linux', false],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 'Safari on iPhone', true],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0 Mobile/15E148 Safari/604.1', 'Chrome on iPhone', true],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36', 'Chrome on Android', true],
    ['Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36', 'Samsung Internet on Android', true],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36', 'Headless Chrome on Linux', false],
    ['curl/8.5.0', 'curl', false],
    ['', 'Unknown device', false],
    ['Mozilla/5.0 (compatible)', 'Unknown device', false],
  ];
  it.each(cases)('%s → %s', (ua, label, mobile) => {
    const device = describeUserAgent(ua);
    expect(device.label).toBe(label);
    expect(device.mobile).toBe(mobile);
  });
});

describe('timeAgo', () => {
  const now = Date.parse('2026-06-15T12:00:00Z');
  it('says how long ago, in words', () => {
    expect(timeAgo('2026-06-15T11:59:30Z', now)).toBe('just now');
    expect(timeAgo('2026-06-15T11:55:00Z', now)).toBe('5 minutes ago');
    expect(timeAgo('2026-06-15T09:00:00Z', now)).toBe('3 hours ago');
    expect(timeAgo('2026-06-14T10:00:00Z', now)).toBe('yesterday');
    expect(timeAgo('2026-06-01T12:00:00Z', now)).toBe('2 weeks ago');
    expect(timeAgo('2025-06-01T12:00:00Z', now)).toBe('last year');
  });
  it('copes with missing, bad and future times', () => {
    expect(timeAgo(null, now)).toBe('never');
    expect(timeAgo('not a date', now)).toBe('unknown');
    expect(timeAgo('2026-06-15T12:05:00Z', now)).toBe('just now');
  });
});

describe('sortSessions', () => {
  it('puts the current session first, then the most recently seen', () => {
    const sessions = [
      { id: 'a', current: false, lastSeenAt: '2026-06-01T00:00:00Z' },
      { id: 'b', current: true, lastSeenAt: '2026-05-01T00:00:00Z' },
      { id: 'c', current: false, lastSeenAt: '2026-06-10T00:00:00Z' },
    ];
    expect(sortSessions(sessions).map((s) => s.id)).toEqual(['b', 'c', 'a']);
    expect(sessions.map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('two-factor helpers', () => {
  it('groups a secret in fours for typing by hand', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('ABCDEF')).toBe('ABCD EF');
    expect(groupSecret('ABCD')).toBe('ABCD');
  });

  it('keeps the digits of a typed or pasted code, at most six', () => {
    expect(cleanCode('123 456')).toBe('123456');
    expect(cleanCode('12-34-56-78')).toBe('123456');
    expect(cleanCode('abc')).toBe('');
  });

  it('splits a recovery code in halves', () => {
    expect(formatRecoveryCode('abcdefghjk')).toBe('abcde-fghjk');
    expect(formatRecoveryCode('short')).toBe('short');
  });

  it('writes a recovery-codes file that says what the codes are for', () => {
    const text = recoveryCodesText(['abcdefghjk', 'mnpqrstuvw'], { email: 'ada@example.com', origin: 'https://stats.example.com', date: new Date('2026-06-15T12:00:00Z') });
    expect(text.split('\n')).toEqual([
      'Qusto recovery codes for ada@example.com',
      'https://stats.example.com (made 2026-06-15)',
      '',
      'Each code signs you in once when you cannot use your authenticator app.',
      'Keep them somewhere safe; making new codes makes these stop working.',
      '',
      'abcde-fghjk',
      'mnpqr-stuvw',
      '',
    ]);
    expect(recoveryCodesFileName('stats.example.com:8080')).toBe('qusto-recovery-codes-stats.example.com-8080.txt');
    expect(recoveryCodesFileName('')).toBe('qusto-recovery-codes.txt');
  });
});

describe('API key scopes', () => {
  it('offers each scope only to the roles that cover it', () => {
    expect(scopeAllowed('sites:provision', 'owner')).toBe(true);
    expect(scopeAllowed('sites:provision', 'admin')).toBe(true);
    expect(scopeAllowed('sites:provision', 'editor')).toBe(false);
    expect(scopeAllowed('events:import', 'viewer')).toBe(false);
    expect(scopeAllowed('stats:read', 'billing')).toBe(false);
    expect(scopeAllowed('sites:read', 'billing')).toBe(true);
    expect(scopeAllowed('stats:read', undefined)).toBe(false);
  });

  it('starts a new key with the reading scopes the role allows', () => {
    expect(defaultScopes('viewer')).toEqual(['stats:read', 'sites:read']);
    expect(defaultScopes('billing')).toEqual(['sites:read']);
    expect(defaultScopes(undefined)).toEqual([]);
  });
});

describe('invitation roles', () => {
  it('names team and guest roles and what they allow', () => {
    expect(describeRole('admin', false).label).toBe('Admin');
    expect(describeRole('viewer', true)).toEqual({ label: 'Guest viewer', description: 'See this site’s stats.' });
    expect(describeRole('auditor', false).label).toBe('Auditor');
    expect(describeRole('toString', false).label).toBe('ToString');
  });
});

describe('newPasswordProblem', () => {
  it('checks length and that both entries match', () => {
    expect(newPasswordProblem('short', 'short')).toMatch(/at least 10/);
    expect(newPasswordProblem('a long passphrase', 'a long passphrasE')).toMatch(/not the same/);
    expect(newPasswordProblem('a long passphrase', 'a long passphrase')).toBeNull();
  });
});
