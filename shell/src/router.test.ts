import { describe, expect, it } from 'vitest';
import { matchRoute, sitePath } from './router.tsx';

describe('matchRoute', () => {
  it('maps / to the welcome page and /<domain> to its dashboard', () => {
    expect(matchRoute('/')).toEqual({ page: 'welcome' });
    expect(matchRoute('')).toEqual({ page: 'welcome' });
    expect(matchRoute('/example.com')).toEqual({ page: 'site', domain: 'example.com' });
    expect(matchRoute('/example.com/')).toEqual({ page: 'site', domain: 'example.com' });
    expect(matchRoute('/localhost:8080')).toEqual({ page: 'site', domain: 'localhost:8080' });
    expect(matchRoute(sitePath('bücher.de'))).toEqual({ page: 'site', domain: 'bücher.de' });
  });

  it('sends anything else to not-found', () => {
    expect(matchRoute('/example.com/settings/extra/more').page).toBe('not-found');
    expect(matchRoute('/-bad-').page).toBe('not-found');
    expect(matchRoute('/%E0%A4%A').page).toBe('not-found');
  });
});

describe('matchRoute for account, settings, shared links and mailed links', () => {
  it('maps each page with its parameters', () => {
    expect(matchRoute('/account')).toEqual({ page: 'account', section: null });
    expect(matchRoute('/account/security')).toEqual({ page: 'account', section: 'security' });
    expect(matchRoute('/example.com/settings')).toEqual({ page: 'site-settings', domain: 'example.com', section: null });
    expect(matchRoute('/example.com/settings/people')).toEqual({ page: 'site-settings', domain: 'example.com', section: 'people' });
    expect(matchRoute('/share/example.com')).toEqual({ page: 'share', domain: 'example.com' });
    expect(matchRoute('/invitations/abc_DEF-123')).toEqual({ page: 'invitation', token: 'abc_DEF-123' });
    expect(matchRoute('/password-reset')).toEqual({ page: 'password-reset' });
    expect(matchRoute('/email-change/')).toEqual({ page: 'email-change' });
  });

  it('rejects malformed sections, tokens and domains', () => {
    expect(matchRoute('/account/Bad Section').page).toBe('not-found');
    expect(matchRoute('/example.com/settings/a/b').page).toBe('not-found');
    expect(matchRoute('/example.com/stats').page).toBe('not-found');
    expect(matchRoute('/share/-bad-').page).toBe('not-found');
    expect(matchRoute('/invitations/<script>').page).toBe('not-found');
  });
});
