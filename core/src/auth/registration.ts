import type { MetadataDb } from '@qusto/sdk';
import type { Logger } from 'pino';
import type { InvitationService } from '../sites/invitation-service.ts';
import type { SiteRepository } from '../sites/site-repository.ts';
import type { TeamRepository } from '../sites/team-repository.ts';
import { badRequest, forbidden } from './errors.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { normalizeEmail, type UserRecord, type UserRepository } from './user-repository.ts';

export interface RegistrationInput {
  email: unknown;
  password: unknown;
  name?: unknown;
  /** Token of an invitation link; required on invite-only instances (except for the first user). */
  invitation?: unknown;
}

/**
 * Sign-up. The first user of a fresh instance always may, becomes instance admin and adopts
 * the sites made before accounts existed. After that, `REGISTRATION=open` lets anyone sign up;
 * `invite_only` needs an invitation for the same address. Every user gets a team of their own.
 */
export class Registration {
  private readonly metadataDb: MetadataDb;
  private readonly users: UserRepository;
  private readonly teams: TeamRepository;
  private readonly sites: SiteRepository;
  private readonly invitations: InvitationService;
  private readonly mode: 'open' | 'invite_only';
  private readonly logger: Logger;

  constructor(deps: {
    metadataDb: MetadataDb;
    users: UserRepository;
    teams: TeamRepository;
    sites: SiteRepository;
    invitations: InvitationService;
    config: { registration: 'open' | 'invite_only' };
    logger: Logger;
  }) {
    this.metadataDb = deps.metadataDb;
    this.users = deps.users;
    this.teams = deps.teams;
    this.sites = deps.sites;
    this.invitations = deps.invitations;
    this.mode = deps.config.registration;
    this.logger = deps.logger;
  }

  /** Whether the sign-up form should be offered (`invitation` lets invited people through). */
  async status(): Promise<{ firstUser: boolean; registration: 'open' | 'invite_only' }> {
    return { firstUser: (await this.users.count()) === 0, registration: this.mode };
  }

  async register(input: RegistrationInput, options: { admin?: boolean; bypassMode?: boolean } = {}): Promise<UserRecord> {
    const email = normalizeEmail(input.email);
    const name = input.name === undefined ? '' : input.name;
    if (typeof name !== 'string' || name.length > 100) throw badRequest('name must be at most 100 characters');
    if (typeof input.password !== 'string') throw badRequest('password is required');
    const problem = passwordProblem(input.password, [email, name]);
    if (problem) throw badRequest(problem);
    const invitationToken = typeof input.invitation === 'string' && input.invitation ? input.invitation : null;
    if (invitationToken) {
      const invitation = await this.invitations.findLive(invitationToken);
      if (invitation.email !== email) throw forbidden(`This invitation is for ${invitation.email}; register with that address`);
    }
    const passwordHash = await hashPassword(input.password);

    const user = await this.metadataDb.transaction(async (tx) => {
      // Serialises sign-ups, so two people racing on a fresh instance cannot both become admin.
      await tx.query('LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE');
      const first = (await this.users.count(tx)) === 0;
      if (!first && !options.bypassMode && this.mode === 'invite_only' && !invitationToken) {
        throw forbidden('Registration is by invitation only on this instance: ask a team owner or admin for an invitation link');
      }
      const created = await this.users.create({ email, name, passwordHash, isAdmin: first || options.admin === true }, tx);
      const team = await this.teams.create(name ? `${name}'s sites` : 'My sites', created.id, tx);
      if (first) {
        const adopted = await this.sites.adoptOrphans(team.id, tx);
        if (adopted > 0) this.logger.info({ adopted, team: team.id }, 'the first user adopted the sites made before accounts');
      }
      if (invitationToken) await this.invitations.accept(invitationToken, created, tx);
      return created;
    });
    return user;
  }
}
