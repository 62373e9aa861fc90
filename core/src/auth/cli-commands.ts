import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { AwilixContainer } from 'awilix';
import type { Cradle } from '../container/cradle.ts';
import { SiteRepository, validateSiteInput } from '../sites/site-repository.ts';
import { teamSubject } from './abilities.ts';
import { parseScopes } from './api-keys.ts';
import { userRef } from './authenticator.ts';
import { HttpError } from './errors.ts';

/**
 * The account commands of the `qusto` CLI. Each has an HTTP twin:
 * create-user → POST /api/admin/users, create-site → POST /api/sites (or POST /api/v1/sites),
 * create-api-key → POST /api/me/api-keys. They parse their arguments first (exit 2 on a usage
 * error, before any store is opened), then run against a built app (exit 1 on a refusal).
 */
export interface CliCommand {
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** A usage problem in the parsed values, or null. */
  check(values: Record<string, string | boolean | undefined>): string | null;
  run(container: AwilixContainer<Cradle>, values: Record<string, string | boolean | undefined>): Promise<number>;
}

export const createUserCommand: CliCommand = {
  usage: 'qusto create-user --email E --password P [--name N] [--admin]',
  options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, admin: { type: 'boolean', default: false } },
  check: (v) => (!v.email || !v.password ? 'create-user needs --email and --password' : null),
  async run(container, v) {
    const user = await container.cradle.registration.register({ email: v.email, password: v.password, name: v.name ?? '' }, { admin: v.admin === true, bypassMode: true });
    console.log(JSON.stringify({ id: user.id, email: user.email, isAdmin: user.isAdmin }));
    return 0;
  },
};

export const createSiteCommand: CliCommand = {
  usage: 'qusto create-site --domain D [--timezone TZ] --owner E   (--owner is optional only before the first user exists)',
  options: { domain: { type: 'string' }, timezone: { type: 'string', default: 'Etc/UTC' }, owner: { type: 'string' } },
  check: (v) => (!v.domain ? 'create-site needs --domain, e.g. qusto create-site --domain example.com --timezone Europe/Berlin --owner you@example.com' : validateSiteInput({ domain: String(v.domain), timezone: String(v.timezone) })),
  async run(container, v) {
    const { users, teams, siteService, sites } = container.cradle;
    const domain = SiteRepository.normalizeDomain(String(v.domain));
    if (await sites.findByDomain(domain)) {
      console.error(`Site ${domain} already exists`);
      return 1;
    }
    let teamId: string | null = null;
    if (v.owner) {
      const owner = await users.findByEmail(String(v.owner));
      if (!owner) {
        console.error(`No user ${v.owner}; create one with: qusto create-user --email ${v.owner} --password ...`);
        return 1;
      }
      teamId = (await teams.teamsOf(owner.id)).find((team) => team.role === 'owner' || team.role === 'admin')?.id ?? null;
      if (!teamId) {
        console.error(`${owner.email} owns or administers no team to put the site in`);
        return 1;
      }
    } else if ((await users.count()) > 0) {
      console.error('Users exist, so the site needs an owner: add --owner <email>');
      return 2;
    }
    const site = await siteService.createAsSystem({ domain, timezone: v.timezone, teamId });
    console.log(JSON.stringify({ id: site.id, domain: site.domain, timezone: site.timezone, teamId: site.teamId }));
    return 0;
  },
};

export const createApiKeyCommand: CliCommand = {
  usage: 'qusto create-api-key --email E --name N [--scopes stats:read,sites:read,sites:provision,events:import] [--team ID]',
  options: { email: { type: 'string' }, name: { type: 'string' }, scopes: { type: 'string', default: 'stats:read' }, team: { type: 'string' } },
  check: (v) => {
    if (!v.email || !v.name) return 'create-api-key needs --email and --name';
    try {
      parseScopes(String(v.scopes).split(',').map((s) => s.trim()).filter(Boolean));
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  },
  async run(container, v) {
    const { users, teams, abilityFactory, apiKeys } = container.cradle;
    const user = await users.findByEmail(String(v.email));
    if (!user) {
      console.error(`No user ${v.email}`);
      return 1;
    }
    const ability = await abilityFactory.forUser(userRef(user));
    const teamId = v.team ? String(v.team) : (await teams.teamsOf(user.id)).find((team) => ability.can('create', teamSubject('ApiKey', team.id)))?.id;
    if (!teamId) {
      console.error(`${user.email} is in no team where they may create API keys`);
      return 1;
    }
    const scopes = parseScopes(String(v.scopes).split(',').map((s) => s.trim()).filter(Boolean));
    const { key } = await apiKeys.create(ability, user.id, { teamId, name: String(v.name), scopes });
    // Only the key, so scripts can capture it: KEY=$(qusto create-api-key ...).
    console.log(key);
    return 0;
  },
};

/** Parses and checks arguments; null means "usage error, already reported". */
export function parseCommandArgs(command: CliCommand, args: string[]): Record<string, string | boolean | undefined> | null {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args, options: command.options, strict: true }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: ${command.usage}`);
    return null;
  }
  const problem = command.check(values);
  if (problem) {
    console.error(`${problem}\nusage: ${command.usage}`);
    return null;
  }
  return values;
}

/** Runs a command's action; a refusal from a service (4xx) is an exit code 1 with its message. */
export async function runCommand(command: CliCommand, container: AwilixContainer<Cradle>, values: Record<string, string | boolean | undefined>): Promise<number> {
  try {
    return await command.run(container, values);
  } catch (error) {
    if (error instanceof HttpError && error.statusCode < 500) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}
