import type { SitePermissions } from './site-permissions.ts';

/** A site as `GET /api/sites/:domain` returns it. */
export interface SiteView {
  id: string;
  domain: string;
  timezone: string;
  teamId: string | null;
  public: boolean;
  allowedEventProps: string[] | null;
  previousDomain: string | null;
  previousDomainExpiresAt: string | null;
  createdAt: string;
}

/** What every core section gets. */
export interface SectionProps {
  site: SiteView;
  permissions: SitePermissions;
  /** After a change the API answered with the updated site. */
  onSiteChange: (site: SiteView) => void;
}

/** `/api/sites/<domain><suffix>`, the domain encoded. */
export const siteApi = (domain: string, suffix = '') => `/api/sites/${encodeURIComponent(domain)}${suffix}`;
