import { asClass, asFunction, type Resolver } from 'awilix';
import type { Cradle } from '../container/cradle.ts';
import { AbilityFactory } from './ability-factory.ts';
import { Account } from './account.ts';
import { ApiKeys } from './api-keys.ts';
import { Login } from './login.ts';
import { LoginSessions } from './login-sessions.ts';
import { createMailer, type Mailer } from './mailer.ts';
import { Registration } from './registration.ts';
import { TwoFactor } from './two-factor.ts';
import { UserRepository } from './user-repository.ts';
import { UserTokens } from './user-tokens.ts';

/** Auth services in the root container. */
export interface AuthCradle {
  users: UserRepository;
  loginSessions: LoginSessions;
  userTokens: UserTokens;
  apiKeys: ApiKeys;
  abilityFactory: AbilityFactory;
  mailer: Mailer;
  registration: Registration;
  login: Login;
  account: Account;
  twoFactor: TwoFactor;
}

export function authRegistrations(): { [K in keyof AuthCradle]: Resolver<AuthCradle[K]> } {
  return {
    users: asClass(UserRepository).singleton(),
    loginSessions: asClass(LoginSessions).singleton(),
    userTokens: asClass(UserTokens).singleton(),
    apiKeys: asClass(ApiKeys).singleton(),
    abilityFactory: asClass(AbilityFactory).singleton(),
    mailer: asFunction(({ config, logger }: Cradle) => createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, logger }))
      .singleton()
      .disposer((mailer) => mailer.close()),
    registration: asClass(Registration).singleton(),
    login: asClass(Login).singleton(),
    account: asClass(Account).singleton(),
    twoFactor: asClass(TwoFactor).singleton(),
  };
}
