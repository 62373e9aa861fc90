import type { TestApp } from '../../support/test-app.ts';
import { userRef } from '../../../src/auth/authenticator.ts';
import type { ApiKeyScope } from '../../../src/auth/abilities.ts';
import type { SiteRecord } from '../../../src/sites/site-repository.ts';
import { createUser } from './accounts.ts';
import { TestClient } from './http-client.ts';

export const ADMIN_TOKEN = 'matrix-admin-token-'.padEnd(40, 'x');

export const PRINCIPALS = [
  'anonymous',
  'instanceAdmin',
  'owner',
  'admin',
  'editor',
  'billing',
  'viewer',
  'guestEditor',
  'guestViewer',
  'outsider',
  'sharedLink',
  'key:stats:read',
  'key:sites:read',
  'key:sites:provision',
  'key:events:import',
  'adminToken',
] as const;
export type PrincipalName = (typeof PRINCIPALS)[number];

export interface MatrixFixture {
  qusto: TestApp;
  teamId: string;
  site: SiteRecord;
  otherSite: SiteRecord;
  slug: string;
  userIds: Partial<Record<PrincipalName, string>>;
  clients: Record<PrincipalName, TestClient>;
  /** A new session for a session principal (for routes that end the session they run on). */
  freshClient(principal: PrincipalName): Promise<TestClient>;
  /** A site in the team nobody minds losing. */
  disposableSite(tag: string): Promise<SiteRecord>;
  /** A new user in the team, as viewer. */
  disposableMember(tag: string): Promise<string>;
  ownerAbility(): Promise<import('../../../src/auth/abilities.ts').AppAbility>;
}

/**
 * One team ("Team T", owning matrix.example) with a member of each role, two guests of the
 * site, a user of another team, a shared link, an API key of each scope (the owner's), the
 * admin token, and the instance admin (the first user, in no team of these).
 */
export async function buildMatrixFixture(qusto: TestApp): Promise<MatrixFixture> {
  const { teams, loginSessions, siteService, apiKeys, sharedLinks, abilityFactory, sites } = qusto.container.cradle;
  const userIds: Partial<Record<PrincipalName, string>> = {};
  const users: Record<string, Awaited<ReturnType<typeof createUser>>> = {};
  for (const name of ['instanceAdmin', 'owner', 'admin', 'editor', 'billing', 'viewer', 'guestEditor', 'guestViewer', 'outsider'] as const) {
    users[name] = await createUser(qusto, `${name.toLowerCase()}@matrix.example`);
    userIds[name] = users[name].id;
  }
  const team = await qusto.container.cradle.metadataDb.transaction((tx) => teams.create('Team T', users.owner!.id, tx));
  for (const role of ['admin', 'editor', 'billing', 'viewer'] as const) await teams.setRole(team.id, users[role]!.id, role);
  const site = await siteService.createAsSystem({ domain: 'matrix.example', timezone: 'Europe/Berlin', teamId: team.id });
  await teams.setGuest(site.id, users.guestEditor!.id, 'editor');
  await teams.setGuest(site.id, users.guestViewer!.id, 'viewer');
  const outsiderTeam = (await teams.teamsOf(users.outsider!.id))[0]!;
  const otherSite = await siteService.createAsSystem({ domain: 'other.example', teamId: outsiderTeam.id });

  const ownerAbility = () => abilityFactory.forUser(userRef(users.owner!));
  const link = await sharedLinks.create(await ownerAbility(), site, { name: 'matrix' });

  let ip = 10;
  const nextIp = () => `192.0.2.${ip++}`;
  const sessionClient = async (name: PrincipalName) => {
    const client = new TestClient(qusto.app, { remoteAddress: nextIp() });
    const { token } = await loginSessions.create(userIds[name]!, { userAgent: 'matrix', ip: '192.0.2.1' });
    client.cookies.set('qusto_session', token);
    return client;
  };
  const keyClient = async (scope: ApiKeyScope) => {
    const { key } = await apiKeys.create(await ownerAbility(), users.owner!.id, { teamId: team.id, name: scope, scopes: [scope] });
    return new TestClient(qusto.app, { bearer: key, remoteAddress: nextIp() });
  };
  const clients = {} as Record<PrincipalName, TestClient>;
  for (const name of PRINCIPALS) {
    if (name === 'anonymous') clients[name] = new TestClient(qusto.app, { remoteAddress: nextIp() });
    else if (name === 'sharedLink') clients[name] = new TestClient(qusto.app, { headers: { 'x-qusto-share': link.slug }, remoteAddress: nextIp() });
    else if (name === 'adminToken') clients[name] = new TestClient(qusto.app, { bearer: ADMIN_TOKEN, remoteAddress: nextIp() });
    else if (name.startsWith('key:')) clients[name] = await keyClient(name.slice(4) as ApiKeyScope);
    else clients[name] = await sessionClient(name);
  }

  let counter = 0;
  return {
    qusto,
    teamId: team.id,
    site: (await sites.findRecordById(site.id))!,
    otherSite,
    slug: link.slug,
    userIds,
    clients,
    freshClient: async (name) => (userIds[name] ? sessionClient(name) : clients[name]),
    disposableSite: (tag) => siteService.createAsSystem({ domain: `gone-${tag}-${++counter}.example`, teamId: team.id }),
    disposableMember: async (tag) => {
      const user = await createUser(qusto, `member-${tag}-${++counter}@matrix.example`);
      await teams.setRole(team.id, user.id, 'viewer');
      return user.id;
    },
    ownerAbility,
  };
}
