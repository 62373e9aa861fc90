import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { metadataBackends } from '../support/test-stores.ts';
import { createUser, lastMailTo, PASSWORD, sessionFor } from '../auth/support/accounts.ts';
import { TestClient } from '../auth/support/http-client.ts';

describe.each(metadataBackends())('teams and invitations on %s', (backend) => {
  let qusto: TestApp;
  let owner: TestClient;
  let teamId: string;
  const idOf = async (email: string) => (await qusto.container.cradle.users.findByEmail(email))!.id;

  beforeAll(async () => {
    qusto = await startTestApp({}, { backend });
    await createUser(qusto, 'owner@team.example');
    owner = await sessionFor(qusto, 'owner@team.example');
    teamId = (await owner.post('/api/teams', { name: 'Acme' })).json().team.id;
    expect((await owner.post('/api/sites', { domain: 'acme.example', teamId })).statusCode).toBe(201);
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  it('invites by link: the invitee signs up on an invite-only instance with it and joins with the role', async () => {
    const invited = await owner.post(`/api/teams/${teamId}/invitations`, { email: 'Newbie@Team.example', role: 'editor' });
    expect(invited.statusCode, invited.body).toBe(201);
    const { url, invitation } = invited.json();
    expect(invitation).toMatchObject({ email: 'newbie@team.example', role: 'editor', siteId: null });
    expect(Date.parse(invitation.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    await new Promise((r) => setTimeout(r, 20));
    expect(lastMailTo(qusto, 'newbie@team.example').text).toContain(url);
    const token = url.split('/invitations/')[1];

    const anonymous = new TestClient(qusto.app);
    expect((await anonymous.get(`/api/invitations/${token}`)).json()).toMatchObject({ teamName: 'Acme', role: 'editor', email: 'newbie@team.example', accountExists: false });
    const wrongAddress = await anonymous.post('/api/auth/register', { email: 'someone@else.example', password: PASSWORD, invitation: token });
    expect(wrongAddress.statusCode).toBe(403);
    const newbie = new TestClient(qusto.app);
    const registered = await newbie.post('/api/auth/register', { email: 'newbie@team.example', password: PASSWORD, invitation: token });
    expect(registered.statusCode, registered.body).toBe(201);
    const teams = (await newbie.get('/api/me')).json().teams;
    expect(teams).toEqual(expect.arrayContaining([expect.objectContaining({ id: teamId, role: 'editor' })]));
    expect((await newbie.get('/api/sites/acme.example')).statusCode).toBe(200);
    // Used up.
    expect((await anonymous.get(`/api/invitations/${token}`)).statusCode).toBe(404);
  });

  it('lets only the invited address accept, and forgets revoked or expired invitations', async () => {
    await createUser(qusto, 'existing@team.example');
    await createUser(qusto, 'intruder@team.example');
    const { url, invitation } = (await owner.post(`/api/teams/${teamId}/invitations`, { email: 'existing@team.example', role: 'viewer' })).json();
    const token = url.split('/invitations/')[1];
    const intruder = await sessionFor(qusto, 'intruder@team.example');
    const refused = await intruder.post(`/api/invitations/${token}/accept`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatch(/for existing@team\.example/);

    // The wrong user does not use the invitation up. Inviting again replaces the link; revoke that one.
    expect((await new TestClient(qusto.app).get(`/api/invitations/${token}`)).statusCode).toBe(200);
    const again = (await owner.post(`/api/teams/${teamId}/invitations`, { email: 'existing@team.example', role: 'viewer' })).json();
    expect((await owner.get(`/api/teams/${teamId}/invitations`)).json().invitations.map((i: { email: string }) => i.email)).toContain('existing@team.example');
    expect((await owner.delete(`/api/teams/${teamId}/invitations/${again.invitation.id}`)).statusCode).toBe(204);
    const existing = await sessionFor(qusto, 'existing@team.example');
    expect((await existing.post(`/api/invitations/${again.url.split('/invitations/')[1]}/accept`)).statusCode).toBe(404);
    expect((await existing.post(`/api/invitations/${token}/accept`)).statusCode).toBe(404);

    const third = (await owner.post(`/api/teams/${teamId}/invitations`, { email: 'existing@team.example', role: 'viewer' })).json();
    await qusto.container.cradle.metadataDb.query("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1", [third.invitation.id]);
    expect((await existing.post(`/api/invitations/${third.url.split('/invitations/')[1]}/accept`)).statusCode).toBe(404);

    const fourth = (await owner.post(`/api/teams/${teamId}/invitations`, { email: 'existing@team.example', role: 'viewer' })).json();
    const accepted = await existing.post(`/api/invitations/${fourth.url.split('/invitations/')[1]}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(invitation.role).toBe('viewer');
    expect((await owner.post(`/api/teams/${teamId}/invitations`, { email: 'existing@team.example', role: 'viewer' })).statusCode).toBe(409);
    expect((await owner.post(`/api/teams/${teamId}/invitations`, { email: 'x@team.example', role: 'owner' })).statusCode).toBe(400);
  });

  it('changes roles and removes members; only owners touch owners', async () => {
    const existingId = await idOf('existing@team.example');
    expect((await owner.put(`/api/teams/${teamId}/members/${existingId}`, { role: 'admin' })).statusCode).toBe(204);
    const admin = await sessionFor(qusto, 'existing@team.example');
    const ownerId = await idOf('owner@team.example');
    expect((await admin.put(`/api/teams/${teamId}/members/${ownerId}`, { role: 'viewer' })).statusCode).toBe(403);
    expect((await admin.put(`/api/teams/${teamId}/members/${existingId}`, { role: 'owner' })).statusCode).toBe(403);
    expect((await admin.delete(`/api/teams/${teamId}/members/${ownerId}`)).statusCode).toBe(403);
    expect((await admin.put(`/api/teams/${teamId}/members/${existingId}`, { role: 'superuser' })).statusCode).toBe(400);
    const newbieId = await idOf('newbie@team.example');
    expect((await admin.put(`/api/teams/${teamId}/members/${newbieId}`, { role: 'viewer' })).statusCode).toBe(204);
    const members = (await owner.get(`/api/teams/${teamId}/members`)).json().members;
    expect(members.map((m: { email: string; role: string }) => `${m.email}:${m.role}`)).toEqual([
      'owner@team.example:owner',
      'newbie@team.example:viewer',
      'existing@team.example:admin',
    ]);
    expect((await admin.delete(`/api/teams/${teamId}/members/${newbieId}`)).statusCode).toBe(204);
    const newbie = await sessionFor(qusto, 'newbie@team.example');
    expect((await newbie.get('/api/sites/acme.example')).statusCode).toBe(404);
  });

  it('keeps a last owner, and transfers ownership', async () => {
    const ownerId = await idOf('owner@team.example');
    const existingId = await idOf('existing@team.example');
    const leave = await owner.delete(`/api/teams/${teamId}/members/${ownerId}`);
    expect(leave.statusCode).toBe(409);
    expect(leave.json().error).toMatch(/last owner/);
    expect((await owner.put(`/api/teams/${teamId}/members/${ownerId}`, { role: 'admin' })).statusCode).toBe(409);
    expect((await owner.post(`/api/teams/${teamId}/transfer`, { userId: await idOf('intruder@team.example') })).statusCode).toBe(404);

    expect((await owner.post(`/api/teams/${teamId}/transfer`, { userId: existingId })).statusCode).toBe(204);
    const roles = Object.fromEntries((await owner.get(`/api/teams/${teamId}/members`)).json().members.map((m: { email: string; role: string }) => [m.email, m.role]));
    expect(roles).toEqual({ 'owner@team.example': 'admin', 'existing@team.example': 'owner' });
    expect((await owner.put(`/api/teams/${teamId}`, { name: 'Mine again' })).statusCode).toBe(403);
    // The former owner, now admin, may leave; the new owner may not.
    expect((await owner.delete(`/api/teams/${teamId}/members/${ownerId}`)).statusCode).toBe(204);
    const newOwner = await sessionFor(qusto, 'existing@team.example');
    expect((await newOwner.delete(`/api/teams/${teamId}/members/${existingId}`)).statusCode).toBe(409);
    owner = newOwner;
  });

  it('invites a guest to one site, who sees that site only', async () => {
    await createUser(qusto, 'guest@team.example');
    expect((await owner.post('/api/sites', { domain: 'secret.example', teamId })).statusCode).toBe(201);
    const invited = await owner.post('/api/sites/acme.example/guests', { email: 'guest@team.example', role: 'viewer' });
    expect(invited.statusCode, invited.body).toBe(201);
    expect((await owner.get('/api/sites/acme.example/guests')).json().guests).toEqual([{ email: 'guest@team.example', role: 'viewer', status: 'invited', userId: null }]);
    const guest = await sessionFor(qusto, 'guest@team.example');
    expect((await guest.post(`/api/invitations/${invited.json().url.split('/invitations/')[1]}/accept`)).statusCode).toBe(200);
    expect((await guest.get('/api/sites/acme.example')).statusCode).toBe(200);
    expect((await guest.get('/api/sites/secret.example')).statusCode).toBe(404);
    expect((await guest.get(`/api/teams/${teamId}`)).statusCode).toBe(404);
    expect((await guest.put('/api/sites/acme.example', { timezone: 'Europe/Rome' })).statusCode).toBe(403);
    expect((await guest.get('/api/sites')).json().sites.map((s: { domain: string }) => s.domain)).toContain('acme.example');
    expect((await guest.get('/api/sites')).json().sites.map((s: { domain: string }) => s.domain)).not.toContain('secret.example');

    const guestId = await idOf('guest@team.example');
    expect((await owner.put(`/api/sites/acme.example/guests/${guestId}`, { role: 'editor' })).statusCode).toBe(204);
    expect((await guest.put('/api/sites/acme.example', { timezone: 'Europe/Rome' })).statusCode).toBe(200);
    expect((await owner.delete(`/api/sites/acme.example/guests/${guestId}`)).statusCode).toBe(204);
    expect((await guest.get('/api/sites/acme.example')).statusCode).toBe(404);
    // Members of the owning team are not invited as guests.
    expect((await owner.post('/api/sites/acme.example/guests', { email: 'existing@team.example', role: 'viewer' })).statusCode).toBe(409);
  });
});
