import { expect } from 'vitest';
import type { TestApp } from '../../support/test-app.ts';
import { TestClient } from './http-client.ts';

/** Strong enough for the password policy; tests don't need each user's to differ. */
export const PASSWORD = 'correct horse battery staple';

/** Signs up through the API (first user becomes admin) and returns the signed-in client. */
export async function signUp(qusto: TestApp, email: string, extra: Record<string, unknown> = {}): Promise<TestClient> {
  const client = new TestClient(qusto.app);
  const response = await client.post('/api/auth/register', { email, password: PASSWORD, ...extra });
  expect(response.statusCode, response.body).toBe(201);
  return client;
}

export async function signIn(qusto: TestApp, email: string, password = PASSWORD): Promise<TestClient> {
  const client = new TestClient(qusto.app);
  const response = await client.post('/api/auth/login', { email, password });
  expect(response.statusCode, response.body).toBe(200);
  return client;
}

/** A user made directly through the services (no HTTP, no rate limits): fast for fixtures. */
export async function createUser(qusto: TestApp, email: string, options: { admin?: boolean } = {}) {
  return qusto.container.cradle.registration.register({ email, password: PASSWORD }, { admin: options.admin, bypassMode: true });
}

/** The last mail sent to `to` (the log mailer keeps recent mail when SMTP is not set). */
export function lastMailTo(qusto: TestApp, to: string): { subject: string; text: string } {
  const mailer = qusto.container.cradle.mailer as unknown as { recent: Array<{ to: string; subject: string; text: string }> };
  const mail = [...mailer.recent].reverse().find((m) => m.to === to);
  if (!mail) throw new Error(`no mail to ${to}; sent: ${mailer.recent.map((m) => m.to).join(', ')}`);
  return mail;
}

export function linkToken(text: string, path: string): string {
  const match = new RegExp(`${path.replace(/[/?]/g, (c) => `\\${c}`)}([A-Za-z0-9_%-]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in: ${text}`);
  return decodeURIComponent(match[1]!);
}

/** A signed-in client without going through sign-in (no 2FA step, no rate limits). */
export async function sessionFor(qusto: TestApp, email: string): Promise<TestClient> {
  const user = await qusto.container.cradle.users.findByEmail(email);
  if (!user) throw new Error(`no user ${email}`);
  const { token } = await qusto.container.cradle.loginSessions.create(user.id, { userAgent: 'test', ip: '127.0.0.1' });
  const client = new TestClient(qusto.app);
  client.cookies.set('qusto_session', token);
  return client;
}
