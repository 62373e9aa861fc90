/** API keys: they belong to users, so this explains where to make one and how to query this site. */
import { buttonClass } from '../../dashboard/components/ui.tsx';
import { Link } from '../../router.tsx';
import { CodeBlock, SettingsCard } from './settings-ui.tsx';
import type { SectionProps } from './site-settings-types.ts';

/** A Stats API v2 request for this site: visitors and pageviews of the last 7 days. */
export function statsApiCurl(origin: string, domain: string): string {
  const body = JSON.stringify({ site_id: domain, metrics: ['visitors', 'pageviews'], date_range: '7d' });
  return [
    `curl -X POST ${origin}/api/v2/query \\`,
    `  -H "Authorization: Bearer YOUR_API_KEY" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '${body.replaceAll("'", "'\\''")}'`,
  ].join('\n');
}

export function ApiKeysSection({ site }: SectionProps) {
  return (
    <SettingsCard
      title="API keys"
      description={
        <>
          API keys belong to your account, not to a site: a key can do what you can do, limited to the scopes you give it (for example <code className="font-mono text-xs">stats:read</code>).
        </>
      }
    >
      <div className="space-y-4">
        <Link to="/account/api-keys" className={buttonClass}>
          Manage your API keys
        </Link>
        <p className="text-sm text-slate-600 dark:text-slate-400">Then query this site’s stats with the Stats API (Plausible-compatible):</p>
        <CodeBlock code={statsApiCurl(window.location.origin, site.domain)} caption="Shell · Stats API v2" />
      </div>
    </SettingsCard>
  );
}
