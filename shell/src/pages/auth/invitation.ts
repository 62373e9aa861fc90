/** Words for the roles an invitation can offer (the server's roles: see core's abilities.ts). */
const TEAM_ROLES: Record<string, { label: string; description: string }> = {
  owner: { label: 'Owner', description: 'Everything, including billing, team settings and deleting the team.' },
  admin: { label: 'Admin', description: 'Manage sites, members, invitations and API keys.' },
  editor: { label: 'Editor', description: 'See the stats and change site settings and shared links.' },
  billing: { label: 'Billing', description: 'Manage the subscription; see the list of sites.' },
  viewer: { label: 'Viewer', description: 'See the stats of the team’s sites.' },
};

const GUEST_ROLES: Record<string, { label: string; description: string }> = {
  editor: { label: 'Guest editor', description: 'See the stats and change this site’s settings and shared links.' },
  viewer: { label: 'Guest viewer', description: 'See this site’s stats.' },
};

/** A role's name and what it allows; `guest` for an invitation to one site. */
export function describeRole(role: string, guest: boolean): { label: string; description: string } {
  const table = guest ? GUEST_ROLES : TEAM_ROLES;
  if (Object.hasOwn(table, role)) return table[role]!;
  const label = role ? role.charAt(0).toUpperCase() + role.slice(1) : 'Member';
  return { label, description: guest ? 'Access to this site.' : 'Access to the team’s sites.' };
}
