import type { MetadataDb } from '@qusto/sdk';
import { API_KEY_SCOPE_NAMES, API_KEY_SCOPES, assertCan, teamSubject, type ApiKeyScope, type AppAbility } from './abilities.ts';
import { badRequest, forbidden, notFound } from './errors.ts';
import { hashToken, randomToken } from './tokens.ts';

/** Every key starts with this, so leaked keys are easy to recognise and scan for. */
export const API_KEY_PREFIX = 'qk_';
const LAST_USED_EVERY_MS = 60_000;

export interface ApiKeyRecord {
  id: string;
  userId: string;
  teamId: string;
  name: string;
  /** The first characters of the key, to tell keys apart; never enough to use it. */
  prefix: string;
  scopes: ApiKeyScope[];
  lastUsedAt: string | null;
  createdAt: string;
}

interface ApiKeyRow {
  id: string;
  user_id: string;
  team_id: string;
  name: string;
  key_prefix: string;
  scopes: ApiKeyScope[];
  last_used_at: Date | string | null;
  created_at: Date | string;
}

const COLUMNS = 'id, user_id, team_id, name, key_prefix, scopes, last_used_at, created_at';

const toRecord = (row: ApiKeyRow): ApiKeyRecord => ({
  id: String(row.id),
  userId: String(row.user_id),
  teamId: String(row.team_id),
  name: row.name,
  prefix: row.key_prefix,
  scopes: row.scopes,
  lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at).toISOString(),
  createdAt: new Date(row.created_at).toISOString(),
});

/** Checks a scope list from a request: known names, at least one, no duplicates. */
export function parseScopes(scopes: unknown): ApiKeyScope[] {
  const list = scopes === undefined ? ['stats:read'] : scopes;
  if (!Array.isArray(list) || list.length === 0) throw badRequest(`scopes must be a non-empty list of: ${API_KEY_SCOPE_NAMES.join(', ')}`);
  for (const scope of list) {
    if (!API_KEY_SCOPE_NAMES.includes(scope as ApiKeyScope)) {
      throw badRequest(`Unknown scope ${JSON.stringify(scope)}; scopes are ${API_KEY_SCOPE_NAMES.join(', ')}`);
    }
  }
  return [...new Set(list as ApiKeyScope[])];
}

/**
 * API keys: a user's, within one team, limited to scopes. The key is shown once; only its
 * sha256 is stored. What a key may do is computed at each use from its user's current role in
 * the team, so removing the user from the team disarms their keys.
 */
export class ApiKeys {
  private readonly metadataDb: MetadataDb;
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(deps: { metadataDb: MetadataDb }) {
    this.metadataDb = deps.metadataDb;
  }

  async create(
    ability: AppAbility,
    userId: string,
    input: { teamId: string; name: string; scopes: ApiKeyScope[] },
  ): Promise<{ key: string; record: ApiKeyRecord }> {
    const name = input.name.trim();
    if (!name || name.length > 100) throw badRequest('name must be 1 to 100 characters');
    assertCan(ability, 'create', teamSubject('ApiKey', input.teamId, { userId }), 'You cannot create API keys in this team');
    for (const scope of input.scopes) {
      const grants = Object.entries(API_KEY_SCOPES[scope]) as Array<[string, readonly string[]]>;
      // The role must cover the whole scope, so a key never promises more than it can do.
      const allowed = grants.every(([subjectName, actions]) => actions.every((action) => ability.can(action, teamSubject(subjectName, input.teamId))));
      if (!allowed) throw forbidden(`Your role in this team does not allow the ${scope} scope`);
    }
    const key = `${API_KEY_PREFIX}${randomToken(30)}`;
    const rows = await this.metadataDb.query<ApiKeyRow>(
      `INSERT INTO api_keys (user_id, team_id, name, key_prefix, key_hash, scopes) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [userId, input.teamId, name, key.slice(0, API_KEY_PREFIX.length + 6), hashToken(key), JSON.stringify(input.scopes)],
    );
    return { key, record: toRecord(rows[0]!) };
  }

  async listForUser(userId: string): Promise<ApiKeyRecord[]> {
    const rows = await this.metadataDb.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE user_id = $1 ORDER BY id`, [userId]);
    return rows.map(toRecord);
  }

  async revoke(ability: AppAbility, id: string): Promise<void> {
    const record = await this.find(id);
    if (!record || !ability.can('delete', teamSubject('ApiKey', record.teamId, { userId: record.userId }))) {
      throw notFound(`API key ${id} does not exist`);
    }
    await this.metadataDb.query('DELETE FROM api_keys WHERE id = $1', [id]);
  }

  async find(id: string): Promise<ApiKeyRecord | null> {
    if (!/^\d{1,19}$/.test(id)) return null;
    const rows = await this.metadataDb.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** The key a Bearer token names, or null. Records when it was last used (at most once a minute). */
  async authenticate(token: string): Promise<ApiKeyRecord | null> {
    if (!token.startsWith(API_KEY_PREFIX) || token.length > 200) return null;
    const rows = await this.metadataDb.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = $1`, [hashToken(token)]);
    const record = rows[0] ? toRecord(rows[0]) : null;
    if (record && Date.now() - (this.lastUsedWritten.get(record.id) ?? 0) > LAST_USED_EVERY_MS) {
      this.lastUsedWritten.set(record.id, Date.now());
      if (this.lastUsedWritten.size > 10_000) this.lastUsedWritten.clear();
      await this.metadataDb.query('UPDATE api_keys SET last_used_at = now() WHERE id = $1', [record.id]);
    }
    return record;
  }
}
