/** People: the site's guests and, for a team's site, the team's members and pending invitations. */
import { useQusto } from '@qusto/sdk/ui';
import { useId, useState, type FormEvent } from 'react';
import { buttonClass, inputClass, primaryButtonClass } from '../../dashboard/components/ui.tsx';
import { errorText, FieldError, hintClass, labelClass, ListSkeleton, LoadFailure, ReadOnlyNotice, SettingsCard, useConfirm, useResource } from './settings-ui.tsx';
import { siteApi, type SectionProps, type SiteView } from './site-settings-types.ts';

interface Guest {
  email: string;
  role: string;
  status: 'accepted' | 'invited';
  userId: string | null;
}

interface Member {
  userId: string;
  email: string;
  name: string;
  role: string;
  joinedAt: string;
}

interface Invitation {
  id: string;
  email: string;
  role: string;
  expiresAt: string;
}

const GUEST_ROLES = [
  { value: 'viewer', label: 'Viewer', hint: 'sees the stats' },
  { value: 'editor', label: 'Editor', hint: 'also changes settings and shared links' },
];
const TEAM_ROLES = ['owner', 'admin', 'editor', 'billing', 'viewer'];
const roleLabel = (role: string) => role.charAt(0).toUpperCase() + role.slice(1);

const smallSelect =
  'rounded-lg border border-slate-300 bg-white py-1 pr-8 pl-2.5 text-sm text-slate-900 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none dark:border-slate-700 dark:bg-slate-950 dark:text-white';

export function PeopleSection({ site, permissions }: SectionProps) {
  return (
    <div className="space-y-6">
      {permissions.readGuests ? (
        <GuestsCard site={site} canManage={permissions.manageGuests} />
      ) : (
        <SettingsCard title="Guests" description="People outside the team who can see this one site.">
          <ReadOnlyNotice>Only team owners and admins can see and invite guests.</ReadOnlyNotice>
        </SettingsCard>
      )}
      {site.teamId !== null && permissions.readMembers && <TeamCard teamId={site.teamId} canManage={permissions.manageMembers} canGrantOwner={permissions.manageTeam} />}
    </div>
  );
}

function GuestsCard({ site, canManage }: { site: SiteView; canManage: boolean }) {
  const { api } = useQusto();
  const guests = useResource<{ guests: Guest[] }>(siteApi(site.domain, '/guests'));
  const { dialog, ask } = useConfirm();
  const [actionError, setActionError] = useState<string | null>(null);
  const errorId = useId();
  const list = guests.status === 'ready' ? guests.data.guests : [];

  async function changeRole(guest: Guest, role: string) {
    setActionError(null);
    try {
      await api.put(siteApi(site.domain, `/guests/${encodeURIComponent(guest.userId!)}`), { role });
      guests.replace({ guests: list.map((g) => (g === guest ? { ...g, role } : g)) });
    } catch (failure) {
      setActionError(errorText(failure));
    }
  }

  const remove = (guest: Guest) =>
    ask(
      {
        title: guest.status === 'invited' ? 'Cancel invitation?' : 'Remove guest?',
        message: guest.status === 'invited' ? <>The invitation link sent to {guest.email} stops working.</> : <>{guest.email} will no longer see {site.domain}.</>,
        confirmLabel: guest.status === 'invited' ? 'Cancel invitation' : 'Remove guest',
      },
      async () => {
        // Pending invitations have no user yet: Plausible's Sites API removes them by email.
        if (guest.userId) await api.delete(siteApi(site.domain, `/guests/${encodeURIComponent(guest.userId)}`));
        else await api.delete(`/api/v1/sites/guests/${encodeURIComponent(guest.email)}?site_id=${encodeURIComponent(site.domain)}`);
        guests.replace({ guests: list.filter((g) => g !== guest) });
      },
    );

  return (
    <SettingsCard title="Guests" description={`People outside the team who can see ${site.domain}, and nothing else.`} testId="guests">
      {guests.status === 'loading' && <ListSkeleton label="guests" />}
      {guests.status === 'error' && <LoadFailure what="guests" error={guests.error} onRetry={guests.reload} />}
      {guests.status === 'ready' && (
        <>
          {list.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
              No guests yet. {canManage ? 'Invite someone below by email.' : ''}
            </p>
          ) : (
            <ul aria-label="Guests" className="divide-y divide-slate-100 dark:divide-slate-800">
              {list.map((guest) => (
                <li key={`${guest.status}:${guest.email}`} className="flex flex-wrap items-center gap-x-4 gap-y-2 py-3 first:pt-0">
                  <div className="min-w-0 flex-1">
                    <p className="truncate text-sm font-medium text-slate-900 dark:text-white">{guest.email}</p>
                    {guest.status === 'invited' && <p className="text-xs text-amber-700 dark:text-amber-300">Invitation pending</p>}
                  </div>
                  {canManage && guest.status === 'accepted' ? (
                    <select aria-label={`Role of ${guest.email}`} className={smallSelect} value={guest.role} onChange={(e) => changeRole(guest, e.target.value)}>
                      {GUEST_ROLES.map((r) => (
                        <option key={r.value} value={r.value}>
                          {r.label}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <span className="text-sm text-slate-600 dark:text-slate-400">{roleLabel(guest.role)}</span>
                  )}
                  {canManage && (
                    <button type="button" onClick={() => remove(guest)} className={buttonClass} aria-label={`Remove ${guest.email}`}>
                      {guest.status === 'invited' ? 'Cancel' : 'Remove'}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          <FieldError id={errorId} message={actionError} />
          {canManage && (
            <InviteForm
              title="Invite a guest"
              roles={GUEST_ROLES}
              path={siteApi(site.domain, '/guests')}
              onInvited={(email, role) => guests.replace({ guests: [...list, { email, role, status: 'invited', userId: null }] })}
            />
          )}
          {!canManage && <ReadOnlyNotice>Only team owners and admins can invite or remove guests.</ReadOnlyNotice>}
        </>
      )}
      {dialog}
    </SettingsCard>
  );
}

function TeamCard({ teamId, canManage, canGrantOwner }: { teamId: string; canManage: boolean; canGrantOwner: boolean }) {
  const { api } = useQusto();
  const team = useResource<{ team: { name: string } }>(`/api/teams/${encodeURIComponent(teamId)}`);
  const members = useResource<{ members: Member[] }>(`/api/teams/${encodeURIComponent(teamId)}/members`);
  const invitations = useResource<{ invitations: Invitation[] }>(canManage ? `/api/teams/${encodeURIComponent(teamId)}/invitations` : null);
  const { dialog, ask } = useConfirm();
  const [actionError, setActionError] = useState<string | null>(null);
  const errorId = useId();
  const memberList = members.status === 'ready' ? members.data.members : [];
  const invitationList = invitations.status === 'ready' ? invitations.data.invitations : [];
  const teamPath = (suffix: string) => `/api/teams/${encodeURIComponent(teamId)}${suffix}`;
  const roles = TEAM_ROLES.filter((r) => r !== 'owner' || canGrantOwner);

  async function changeRole(member: Member, role: string) {
    setActionError(null);
    try {
      await api.put(teamPath(`/members/${encodeURIComponent(member.userId)}`), { role });
      members.replace({ members: memberList.map((m) => (m.userId === member.userId ? { ...m, role } : m)) });
    } catch (failure) {
      setActionError(errorText(failure));
      members.reload();
    }
  }

  const removeMember = (member: Member) =>
    ask({ title: 'Remove from team?', message: <>{member.email} loses access to every site of the team, and their API keys for it are deleted.</>, confirmLabel: 'Remove member' }, async () => {
      await api.delete(teamPath(`/members/${encodeURIComponent(member.userId)}`));
      members.replace({ members: memberList.filter((m) => m.userId !== member.userId) });
    });

  const revoke = (invitation: Invitation) =>
    ask({ title: 'Cancel invitation?', message: <>The invitation link sent to {invitation.email} stops working.</>, confirmLabel: 'Cancel invitation' }, async () => {
      await api.delete(teamPath(`/invitations/${encodeURIComponent(invitation.id)}`));
      invitations.replace({ invitations: invitationList.filter((i) => i.id !== invitation.id) });
    });

  return (
    <SettingsCard
      title={team.status === 'ready' ? `Team: ${team.data.team.name}` : 'Team'}
      description="Members of the team see and manage all of its sites, as their role allows."
      testId="team-members"
    >
      {members.status === 'loading' && <ListSkeleton label="team members" />}
      {members.status === 'error' && <LoadFailure what="team members" error={members.error} onRetry={members.reload} />}
      {members.status === 'ready' && (
        <ul aria-label="Team members" className="divide-y divide-slate-100 dark:divide-slate-800">
          {memberList.map((member) => (
            <li key={member.userId} className="flex flex-wrap items-center gap-x-4 gap-y-2 py-3 first:pt-0">
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-slate-900 dark:text-white">{member.name || member.email}</p>
                {member.name && <p className="truncate text-xs text-slate-500 dark:text-slate-400">{member.email}</p>}
              </div>
              {canManage && (member.role !== 'owner' || canGrantOwner) ? (
                <select aria-label={`Role of ${member.email}`} className={smallSelect} value={member.role} onChange={(e) => changeRole(member, e.target.value)}>
                  {roles.map((r) => (
                    <option key={r} value={r}>
                      {roleLabel(r)}
                    </option>
                  ))}
                </select>
              ) : (
                <span className="text-sm text-slate-600 dark:text-slate-400">{roleLabel(member.role)}</span>
              )}
              {canManage && (member.role !== 'owner' || canGrantOwner) && (
                <button type="button" onClick={() => removeMember(member)} className={buttonClass} aria-label={`Remove ${member.email} from the team`}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <FieldError id={errorId} message={actionError} />
      {canManage && invitationList.length > 0 && (
        <div className="mt-5">
          <h3 className="text-sm font-semibold text-slate-900 dark:text-white">Pending invitations</h3>
          <ul aria-label="Pending invitations" className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
            {invitationList.map((invitation) => (
              <li key={invitation.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 py-2.5">
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm text-slate-900 dark:text-white">{invitation.email}</p>
                  <p className="text-xs text-slate-500 dark:text-slate-400">Expires {new Date(invitation.expiresAt).toLocaleDateString()}</p>
                </div>
                <span className="text-sm text-slate-600 dark:text-slate-400">{roleLabel(invitation.role)}</span>
                <button type="button" onClick={() => revoke(invitation)} className={buttonClass} aria-label={`Cancel the invitation of ${invitation.email}`}>
                  Cancel
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {invitations.status === 'error' && <LoadFailure what="pending invitations" error={invitations.error} onRetry={invitations.reload} />}
      {canManage ? (
        <InviteForm
          title="Invite to the team"
          roles={TEAM_ROLES.filter((r) => r !== 'owner').map((r) => ({ value: r, label: roleLabel(r) }))}
          path={teamPath('/invitations')}
          onInvited={() => invitations.reload()}
        />
      ) : (
        <div className="mt-4">
          <ReadOnlyNotice>Only team owners and admins can invite, change roles or remove members.</ReadOnlyNotice>
        </div>
      )}
      {dialog}
    </SettingsCard>
  );
}

/** Email + role; the invitation is mailed (and logged when mail is not set up). */
function InviteForm({ title, roles, path, onInvited }: { title: string; roles: Array<{ value: string; label: string; hint?: string }>; path: string; onInvited: (email: string, role: string) => void }) {
  const { api } = useQusto();
  const ids = { email: useId(), role: useId(), error: useId() };
  const [email, setEmail] = useState('');
  const [role, setRole] = useState(roles[roles.length - 1]?.value ?? 'viewer');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const address = email.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+$/.test(address)) return setError('Enter an email address such as ann@example.com');
    setBusy(true);
    setError(null);
    setSent(null);
    try {
      await api.post(path, { email: address, role });
      onInvited(address, role);
      setSent(address);
      setEmail('');
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="mt-5 border-t border-slate-100 pt-5 dark:border-slate-800">
      <h3 className="text-sm font-semibold text-slate-900 dark:text-white">{title}</h3>
      <div className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="min-w-0 flex-1">
          <label htmlFor={ids.email} className={labelClass}>
            Email
          </label>
          <input
            id={ids.email}
            type="email"
            autoComplete="off"
            className={`${inputClass} mt-1.5`}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            placeholder="ann@example.com"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? ids.error : undefined}
          />
        </div>
        <div>
          <label htmlFor={ids.role} className={labelClass}>
            Role
          </label>
          <select id={ids.role} className={`${inputClass} mt-1.5 py-2 sm:w-40`} value={role} onChange={(e) => setRole(e.target.value)}>
            {roles.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={busy} className={`${primaryButtonClass} shrink-0 py-2`}>
          {busy ? 'Inviting…' : 'Send invitation'}
        </button>
      </div>
      {roles.some((r) => r.hint) && <p className={hintClass}>{roles.map((r) => `${r.label}: ${r.hint}`).join('. ')}.</p>}
      <FieldError id={ids.error} message={error} />
      <p role="status" className="mt-1.5 text-sm text-emerald-700 dark:text-emerald-400">
        {sent ? `Invitation sent to ${sent}. The link in it is valid for 7 days.` : ''}
      </p>
    </form>
  );
}
