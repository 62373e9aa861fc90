import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { metadataBackends } from '../support/test-stores.ts';
import { PASSWORD } from './support/accounts.ts';
import { ADMIN_TOKEN, buildMatrixFixture, PRINCIPALS, type MatrixFixture, type PrincipalName } from './support/matrix-fixture.ts';

// ---- who may do what: the expected table ----

const ALL = PRINCIPALS;
const SESSIONS = ['instanceAdmin', 'owner', 'admin', 'editor', 'billing', 'viewer', 'guestEditor', 'guestViewer', 'outsider'] as const;
const TEAM = ['owner', 'admin', 'editor', 'billing', 'viewer'] as const;
const OWNER_ADMIN = ['owner', 'admin'] as const;
const SITE_READERS = [...TEAM, 'guestEditor', 'guestViewer', 'key:sites:read', 'key:sites:provision', 'key:events:import', 'adminToken'] as const;
const STATS_READERS = ['owner', 'admin', 'editor', 'viewer', 'guestEditor', 'guestViewer', 'sharedLink', 'key:stats:read', 'adminToken'] as const;
const SETTINGS_EDITORS = ['owner', 'admin', 'editor', 'guestEditor', 'key:sites:provision'] as const;
/** Plugin subjects derive from core's: reading stats reads goals, managing settings (a provisioning key too) manages them. */
const GOAL_READERS = [...STATS_READERS, 'key:sites:provision'] as const;
const SITE_ADMINS = ['owner', 'admin', 'key:sites:provision'] as const;
/** The imports plugin's SiteImport: whoever sees the site lists its imports; settings editors import and delete. */
const IMPORT_READERS = SITE_READERS;
const GUEST_ADMINS = SITE_ADMINS;
const SITE_CREATORS = [...SESSIONS, 'key:sites:provision'] as const;
const SITE_LISTERS = [...SESSIONS, 'key:sites:read', 'key:sites:provision', 'key:events:import', 'adminToken'] as const;
const IMPORTERS = ['owner', 'admin', 'key:events:import', 'adminToken'] as const;

type Ctx = { f: MatrixFixture; p: PrincipalName; tag: string };
interface RouteCase {
  allow: readonly PrincipalName[];
  /** The URL to call; default: the route's pattern with the fixture's site, team and slug. */
  url?: (ctx: Ctx) => string | Promise<string>;
  body?: (ctx: Ctx) => unknown;
  headers?: Record<string, string>;
  /** The route ends the session it runs on: give session principals a spare one. */
  freshSession?: boolean;
}

const siteUrl = (suffix = '') => ({ f }: Ctx) => `/api/sites/${f.site.domain}${suffix}`;
const email = ({ p, tag }: Ctx) => `${p.replace(/\W/g, '-').toLowerCase()}-${tag}@invitee.example`;

const CASES: Record<string, RouteCase> = {
  // Infrastructure that stays public.
  'GET /api/health': { allow: ALL },
  'GET /metrics': { allow: ALL },
  'GET /api/plugins': { allow: ALL },
  'GET /': { allow: ALL },
  'GET /*': { allow: ALL, url: () => '/static/main.0123456789abcdef.js' },
  'OPTIONS /api/event': { allow: ALL },
  'POST /api/event': { allow: ALL, body: ({ f }) => JSON.stringify({ name: 'pageview', url: `https://${f.site.domain}/`, domain: f.site.domain }), headers: { 'content-type': 'text/plain' } },
  'GET /js/:name': { allow: ALL, url: () => '/js/script.js' },
  'GET /js/v/:hash/:name': { allow: ALL, url: () => '/js/v/abc/script.js' },

  // Sign-up, sign-in, reset: public (and CSRF-checked).
  'GET /api/auth/status': { allow: ALL },
  'POST /api/auth/register': { allow: ALL, body: (ctx) => ({ email: email(ctx), password: 'short' }) },
  'POST /api/auth/login': { allow: ALL, body: () => ({ email: 'owner@matrix.example', password: 'wrong password here' }) },
  'POST /api/auth/login/2fa': { allow: ALL, body: () => ({ code: '000000' }) },
  'POST /api/auth/logout': { allow: ALL, freshSession: true },
  'POST /api/auth/password-reset': { allow: ALL, body: (ctx) => ({ email: email(ctx) }) },
  'POST /api/auth/password-reset/confirm': { allow: ALL, body: () => ({ token: 'bogus', password: PASSWORD }) },
  'POST /api/auth/email-change/confirm': { allow: ALL, body: () => ({ token: 'bogus' }) },
  'GET /api/me/abilities': { allow: ALL },

  // The user's own account: dashboard sessions only.
  'GET /api/me': { allow: SESSIONS },
  'PUT /api/me': { allow: SESSIONS, body: () => ({ name: 'Matrix' }) },
  'PUT /api/me/password': { allow: SESSIONS, body: () => ({ currentPassword: 'not the password', newPassword: 'whatever else here' }) },
  'POST /api/me/email': { allow: SESSIONS, body: (ctx) => ({ email: email(ctx), password: 'not the password' }) },
  'GET /api/me/sessions': { allow: SESSIONS },
  'DELETE /api/me/sessions/:sessionId': { allow: SESSIONS, url: () => '/api/me/sessions/987654' },
  'GET /api/me/api-keys': { allow: SESSIONS },
  'POST /api/me/api-keys': { allow: SESSIONS, body: () => ({ name: 'matrix', scopes: ['stats:read'] }) },
  'DELETE /api/me/api-keys/:keyId': { allow: SESSIONS, url: () => '/api/me/api-keys/987654' },
  'GET /api/me/2fa': { allow: SESSIONS },
  'POST /api/me/2fa/setup': { allow: SESSIONS },
  'POST /api/me/2fa/enable': { allow: SESSIONS, body: () => ({ code: '000000' }) },
  'POST /api/me/2fa/disable': { allow: SESSIONS, body: () => ({ password: 'not the password' }) },
  'POST /api/me/2fa/recovery-codes': { allow: SESSIONS, body: () => ({ password: 'not the password' }) },
  'POST /api/admin/users': { allow: ['instanceAdmin'], body: (ctx) => ({ email: email(ctx), password: PASSWORD }) },

  // Teams.
  'GET /api/teams': { allow: SESSIONS },
  'POST /api/teams': { allow: SESSIONS, body: () => ({ name: 'Another team' }) },
  'GET /api/teams/:teamId': { allow: TEAM },
  'PUT /api/teams/:teamId': { allow: ['owner'], body: () => ({ name: 'Team T' }) },
  'GET /api/teams/:teamId/members': { allow: TEAM },
  'PUT /api/teams/:teamId/members/:userId': { allow: OWNER_ADMIN, url: ({ f }) => `/api/teams/${f.teamId}/members/${f.userIds.viewer}`, body: () => ({ role: 'viewer' }) },
  'DELETE /api/teams/:teamId/members/:userId': {
    allow: OWNER_ADMIN,
    url: async ({ f, tag }) => `/api/teams/${f.teamId}/members/${await f.disposableMember(tag)}`,
  },
  // A non-member target: reaching the "not a member" answer proves the check passed, without transferring.
  'POST /api/teams/:teamId/transfer': { allow: ['owner'], body: ({ f }) => ({ userId: f.userIds.outsider }) },
  'GET /api/teams/:teamId/invitations': { allow: TEAM },
  'POST /api/teams/:teamId/invitations': { allow: OWNER_ADMIN, body: (ctx) => ({ email: email(ctx), role: 'viewer' }) },
  'DELETE /api/teams/:teamId/invitations/:invitationId': {
    allow: OWNER_ADMIN,
    url: async (ctx) => {
      const { invitations } = ctx.f.qusto.container.cradle;
      const { invitation } = await invitations.inviteToTeam(await ctx.f.ownerAbility(), ctx.f.userIds.owner!, ctx.f.teamId, { email: email(ctx), role: 'viewer' });
      return `/api/teams/${ctx.f.teamId}/invitations/${invitation.id}`;
    },
  },
  'GET /api/invitations/:token': { allow: ALL, url: () => '/api/invitations/not-a-real-token' },
  'POST /api/invitations/:token/accept': { allow: SESSIONS, url: () => '/api/invitations/not-a-real-token/accept' },

  // The dashboard's site API.
  'GET /api/sites': { allow: SESSIONS },
  'POST /api/sites': { allow: SITE_CREATORS, body: ({ p, tag }) => ({ domain: `new-${p.replace(/\W/g, '-').toLowerCase()}-${tag}.example` }) },
  'GET /api/sites/:domain': { allow: SITE_READERS },
  'GET /api/sites/:domain/dashboard': { allow: STATS_READERS },
  'PUT /api/sites/:domain': { allow: SETTINGS_EDITORS, body: () => ({ timezone: 'Europe/Berlin' }) },
  'DELETE /api/sites/:domain': { allow: SITE_ADMINS, url: async ({ f, tag }) => `/api/sites/${(await f.disposableSite(tag)).domain}` },
  'POST /api/sites/:domain/transfer': { allow: SITE_ADMINS, body: ({ f }) => ({ teamId: f.teamId }) },
  'DELETE /api/sites/:domain/stats': { allow: SITE_ADMINS, url: async ({ f, tag }) => `/api/sites/${(await f.disposableSite(tag)).domain}/stats` },
  'GET /api/sites/:domain/property-keys': { allow: SETTINGS_EDITORS },
  'GET /api/sites/:domain/shields': { allow: SETTINGS_EDITORS },
  'POST /api/sites/:domain/shields': { allow: SETTINGS_EDITORS, body: ({ p }) => ({ kind: 'ip', value: `203.0.113.${PRINCIPALS.indexOf(p) + 1}` }) },
  'DELETE /api/sites/:domain/shields/:shieldId': { allow: SETTINGS_EDITORS, url: siteUrl('/shields/987654') },
  'GET /api/sites/:domain/shared-links': { allow: SETTINGS_EDITORS },
  'POST /api/sites/:domain/shared-links': { allow: SETTINGS_EDITORS, body: ({ p, tag }) => ({ name: `${p}-${tag}` }) },
  'DELETE /api/sites/:domain/shared-links/:linkId': { allow: SETTINGS_EDITORS, url: siteUrl('/shared-links/987654') },
  'GET /api/sites/:domain/guests': { allow: GUEST_ADMINS },
  'POST /api/sites/:domain/guests': { allow: GUEST_ADMINS, body: (ctx) => ({ email: email(ctx), role: 'viewer' }) },
  'PUT /api/sites/:domain/guests/:userId': { allow: GUEST_ADMINS, url: ({ f }) => `/api/sites/${f.site.domain}/guests/${f.userIds.guestViewer}`, body: () => ({ role: 'viewer' }) },
  'DELETE /api/sites/:domain/guests/:userId': { allow: GUEST_ADMINS, url: siteUrl('/guests/987654') },

  // Shared links, as their visitors see them.
  'GET /share/:domain': { allow: ALL, url: ({ f }) => `/share/${f.site.domain}?auth=${f.slug}` },
  'GET /api/share/:domain': { allow: ALL, url: ({ f }) => `/api/share/${f.site.domain}?auth=${f.slug}` },
  'POST /api/share/:domain/unlock': { allow: ALL, body: ({ f }) => ({ auth: f.slug, password: 'none needed' }) },

  // Plausible's Sites API.
  'GET /api/v1/sites': { allow: SITE_LISTERS },
  'GET /api/v1/sites/teams': { allow: SITE_LISTERS },
  'POST /api/v1/sites': { allow: SITE_CREATORS, body: ({ p, tag }) => ({ domain: `v1-${p.replace(/\W/g, '-').toLowerCase()}-${tag}.example` }) },
  'PUT /api/v1/sites/shared-links': { allow: SETTINGS_EDITORS, body: ({ f }) => ({ site_id: f.site.domain, name: 'matrix' }) },
  'GET /api/v1/sites/guests': { allow: GUEST_ADMINS, url: ({ f }) => `/api/v1/sites/guests?site_id=${f.site.domain}` },
  'PUT /api/v1/sites/guests': { allow: GUEST_ADMINS, body: (ctx) => ({ site_id: ctx.f.site.domain, email: email(ctx), role: 'viewer' }) },
  'DELETE /api/v1/sites/guests/:email': { allow: GUEST_ADMINS, url: ({ f }) => `/api/v1/sites/guests/nobody@invitee.example?site_id=${f.site.domain}` },
  'GET /api/v1/sites/:site_id': { allow: SITE_READERS },
  'PUT /api/v1/sites/:site_id': { allow: SITE_ADMINS, body: () => ({}) },
  'DELETE /api/v1/sites/:site_id': { allow: SITE_ADMINS, url: async ({ f, tag }) => `/api/v1/sites/${(await f.disposableSite(tag)).domain}` },

  // Raw-event import and the stats API.
  'POST /api/v1/import/events': { allow: IMPORTERS, url: ({ f }) => `/api/v1/import/events?site_id=${f.site.domain}`, body: () => '', headers: { 'content-type': 'application/x-ndjson' } },
  'POST /api/v2/query': { allow: STATS_READERS, body: ({ f }) => ({ site_id: f.site.domain, metrics: ['visitors'], date_range: '7d' }) },
  'GET /api/v1/stats/realtime/visitors': { allow: STATS_READERS, url: ({ f }) => `/api/v1/stats/realtime/visitors?site_id=${f.site.domain}` },
  'GET /api/v1/stats/aggregate': { allow: STATS_READERS, url: ({ f }) => `/api/v1/stats/aggregate?site_id=${f.site.domain}` },
  'GET /api/v1/stats/timeseries': { allow: STATS_READERS, url: ({ f }) => `/api/v1/stats/timeseries?site_id=${f.site.domain}` },
  'GET /api/v1/stats/breakdown': { allow: STATS_READERS, url: ({ f }) => `/api/v1/stats/breakdown?site_id=${f.site.domain}&property=event:page` },

  // The goals plugin's routes declare config.auth like core's: its Goal subject follows Stats
  // (read) and SiteSettings (manage), granted through the auth:abilities hook.
  'GET /api/sites/:domain/goals': { allow: GOAL_READERS },
  'GET /api/sites/:domain/goals/suggestions': { allow: GOAL_READERS },
  'POST /api/sites/:domain/goals': { allow: SETTINGS_EDITORS, body: ({ p, tag }) => ({ event_name: `Matrix ${p} ${tag}` }) },
  'DELETE /api/sites/:domain/goals/:goalId': { allow: SETTINGS_EDITORS, url: siteUrl('/goals/987654') },
  'PUT /api/sites/:domain/goals/:goalId': { allow: SETTINGS_EDITORS, url: siteUrl('/goals/987654'), body: () => ({ display_name: 'x' }) },
  'GET /api/v1/sites/goals': { allow: GOAL_READERS, url: ({ f }) => `/api/v1/sites/goals?site_id=${f.site.domain}` },
  'PUT /api/v1/sites/goals': { allow: SETTINGS_EDITORS, body: ({ f, p, tag }) => ({ site_id: f.site.domain, goal_type: 'event', event_name: `V1 ${p} ${tag}` }) },
  'GET /api/sites/:domain/funnels': { allow: GOAL_READERS },
  'POST /api/sites/:domain/funnels': { allow: SETTINGS_EDITORS, body: () => ({ name: 'unused', steps: ['987654', '987655'] }) },
  'DELETE /api/sites/:domain/funnels/:funnelId': { allow: SETTINGS_EDITORS, url: siteUrl('/funnels/987654') },
  'PUT /api/sites/:domain/funnels/:funnelId': { allow: SETTINGS_EDITORS, url: siteUrl('/funnels/987654'), body: () => ({ name: 'unused', steps: ['987654', '987655'] }) },
  'GET /api/plugins/goals/currency-rates': { allow: SESSIONS },
  'PUT /api/plugins/goals/currency-rates': { allow: ['instanceAdmin', 'adminToken'], body: () => ({ rates: {} }) },
  'GET /api/sites/:domain/funnels/:funnelId/report': { allow: GOAL_READERS, url: siteUrl('/funnels/987654/report') },
  'DELETE /api/v1/sites/goals/:goalId': { allow: SETTINGS_EDITORS, url: ({ f }) => `/api/v1/sites/goals/987654?site_id=${f.site.domain}` },
  'GET /plugins/goals/ui/*': { allow: ALL, url: () => '/plugins/goals/ui/remoteEntry.js' },

  // The imports plugin's routes: SiteImport follows Site (read) and SiteSettings (manage).
  'GET /api/sites/:domain/imports': { allow: IMPORT_READERS },
  'POST /api/sites/:domain/imports/csv': { allow: SETTINGS_EDITORS, url: siteUrl('/imports/csv?filename=bad-name.csv'), body: () => 'date\n', headers: { 'content-type': 'text/csv' } },
  'POST /api/sites/:domain/imports': { allow: SETTINGS_EDITORS, body: () => ({ files: [] }) },
  'DELETE /api/sites/:domain/imports/:importId': { allow: SETTINGS_EDITORS, url: siteUrl('/imports/987654') },
  'GET /plugins/imports/ui/*': { allow: ALL, url: () => '/plugins/imports/ui/remoteEntry.js' },

  // A plugin's routes (test fixture): config.auth, a plugin subject, and requireAuth.
  'GET /api/probe/sites/:domain/stats': { allow: STATS_READERS },
  'PUT /api/probe/sites/:domain/goals': { allow: SETTINGS_EDITORS },
  'POST /api/probe/query': { allow: STATS_READERS, body: ({ f }) => ({ site_id: f.site.domain }) },
};

/** Denied = refused by authentication or authorisation (not: bad input, conflicts, missing things). */
function denied(response: LightMyRequestResponse): boolean {
  const error = (() => {
    try {
      return String(response.json().error ?? '');
    } catch {
      return '';
    }
  })();
  if (response.statusCode === 403) return true;
  if (response.statusCode === 401) return /^Sign in|API key|shared link/.test(error);
  if (response.statusCode === 404) return /or you have no access|or you are not in it/.test(error);
  return false;
}

function fillPattern(url: string, f: MatrixFixture): string {
  return url
    .replace(':domain', f.site.domain)
    .replace(':site_id', f.site.domain)
    .replace(':teamId', f.teamId);
}

describe.each(metadataBackends())('permission matrix on %s', (backend) => {
  let qusto: TestApp;
  let fixture: MatrixFixture;
  let shellDist: string;

  beforeAll(async () => {
    shellDist = await mkdtemp(path.join(os.tmpdir(), 'qusto-shell-'));
    await mkdir(path.join(shellDist, 'static'));
    await writeFile(path.join(shellDist, 'index.html'), '<!doctype html><div id="root"></div><script src="/static/main.0123456789abcdef.js"></script>');
    await writeFile(path.join(shellDist, 'static', 'main.0123456789abcdef.js'), 'console.log(1)');
    qusto = await startTestApp(
      // The first-party plugins too, so the table covers the routes a default install serves.
      { ADMIN_TOKEN, QUSTO_PLUGINS: `@qusto/plugin-goals,@qusto/plugin-imports,${path.join(import.meta.dirname, 'fixtures', 'auth-probe')}` },
      { backend, shellDist },
    );
    expect(qusto.plugins.failed).toEqual([]);
    fixture = await buildMatrixFixture(qusto);
  });
  afterAll(async () => {
    await qusto?.dispose();
    await rm(shellDist, { recursive: true, force: true });
  });

  it('has an expectation for every route the app serves, and no stale ones', () => {
    const served = new Set(qusto.app.qustoAuth.routes.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`));
    expect([...served].filter((route) => !(route in CASES)), 'routes without a row in the expected table').toEqual([]);
    expect(Object.keys(CASES).filter((route) => !served.has(route)), 'rows for routes that do not exist').toEqual([]);
  });

  it('allows and denies every route for every principal as the table says', { timeout: 300_000 }, async () => {
    const mismatches: string[] = [];
    const routes = [...new Set(qusto.app.qustoAuth.routes.map((r) => `${r.method} ${r.url}`))];
    let counter = 0;
    for (const route of routes) {
      const [method, pattern] = route.split(' ') as [string, string];
      const rowKey = method === 'HEAD' ? `GET ${pattern}` : route;
      const row = CASES[rowKey];
      if (!row) continue; // reported by the test above
      for (const p of PRINCIPALS) {
        const ctx: Ctx = { f: fixture, p, tag: String(++counter) };
        const url = row.url ? await row.url(ctx) : fillPattern(pattern, fixture);
        const client = row.freshSession ? await fixture.freshClient(p) : fixture.clients[p];
        const body = row.body?.(ctx);
        const response = await client.request(method as 'GET', url, {
          ...(body !== undefined ? { body } : method === 'POST' || method === 'PUT' ? { body: {} } : {}),
          ...(row.headers ? { headers: row.headers } : {}),
        });
        if (response.statusCode >= 500) mismatches.push(`${route} as ${p}: ${response.statusCode} ${response.body}`);
        if (method === 'HEAD') {
          // No body to read the reason from: HEAD must answer exactly as GET does.
          const get = await client.request('GET', url, row.headers ? { headers: row.headers } : {});
          if (get.statusCode !== response.statusCode) mismatches.push(`${route} as ${p}: HEAD ${response.statusCode} but GET ${get.statusCode}`);
          continue;
        }
        const expected = row.allow.includes(p);
        if (denied(response) === expected) {
          mismatches.push(`${route} as ${p}: expected ${expected ? 'allowed' : 'denied'}, got ${response.statusCode} ${response.body.slice(0, 160)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
