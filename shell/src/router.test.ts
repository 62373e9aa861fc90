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
    expect(matchRoute('/example.com/settings/extra').page).toBe('not-found');
    expect(matchRoute('/-bad-').page).toBe('not-found');
    expect(matchRoute('/%E0%A4%A').page).toBe('not-found');
  });
});
