/** What every part of a site's dashboard shares: the site, the view state (URL) and actions. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { navigate, sitePath, useSearch } from '../router.tsx';
import type { FilterGroupId } from './dimensions.ts';
import type { ReportId } from './reports.ts';
import { parseState, serializeState, type DashboardState } from './state.ts';

export interface SiteInfo {
  /** The site's id on the server; its domain until known. */
  id: string;
  domain: string;
  /** IANA zone; 'UTC' until the site is loaded. */
  timezone: string;
  /** Property keys allowed on the dashboard (null: any). */
  allowedEventProps: string[] | null;
}

export interface DashboardContextValue {
  site: SiteInfo;
  state: DashboardState;
  /**
   * "Now" for relative windows (realtime's last 30 minutes). One value for the whole dashboard,
   * ticking every 30 s in realtime only, so the same view always builds the same requests.
   */
  now: number;
  /** Changes the view: a new history entry (back/forward step through views). */
  update: (next: DashboardState | ((state: DashboardState) => DashboardState), options?: { replace?: boolean }) => void;
  /** The URL of a view of this site. */
  href: (state: DashboardState) => string;
  openDetails: (report: ReportId, options?: { propKey?: string | null }) => void;
  openFilter: (group: FilterGroupId, dimension?: string) => void;
}

export const DashboardContext = createContext<DashboardContextValue | null>(null);

export function useDashboard(): DashboardContextValue {
  const value = useContext(DashboardContext);
  if (!value) throw new Error('useDashboard() needs a <DashboardContext.Provider>');
  return value;
}

/**
 * Where a dashboard lives: its path and the parameters every view of it keeps (a shared link's
 * `auth`, the embed options), ahead of the view state.
 */
export interface DashboardLocation {
  path: string;
  keep: ReadonlyArray<readonly [string, string]>;
}

export const siteLocation = (domain: string): DashboardLocation => ({ path: sitePath(domain), keep: [] });

export function dashboardHref(location: string | DashboardLocation, state: DashboardState): string {
  const { path, keep } = typeof location === 'string' ? siteLocation(location) : location;
  const fixed = new URLSearchParams(keep.map(([k, v]) => [k, v])).toString();
  const query = [fixed, serializeState(state)].filter(Boolean).join('&');
  return `${path}${query ? `?${query}` : ''}`;
}

/** The view state of the URL, and a setter that writes it back to the URL. */
export function useUrlState(location: string | DashboardLocation): Pick<DashboardContextValue, 'state' | 'update' | 'href'> {
  const search = useSearch();
  const state = useMemo(() => parseState(search), [search]);
  const key = typeof location === 'string' ? location : JSON.stringify(location);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stable = useMemo(() => location, [key]);
  const href = useCallback((next: DashboardState) => dashboardHref(stable, next), [stable]);
  const update = useCallback<DashboardContextValue['update']>(
    (next, options = {}) => {
      const current = parseState(window.location.search);
      const value = typeof next === 'function' ? next(current) : next;
      navigate(dashboardHref(stable, value), { replace: options.replace, keepScroll: true });
    },
    [stable],
  );
  return { state, update, href };
}

export const REALTIME_REFRESH_MS = 30_000;

/** "now", ticking every `everyMs` while `enabled` (and the page is visible). */
export function useNow(enabled: boolean, everyMs = REALTIME_REFRESH_MS): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    setNow(Date.now());
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') setNow(Date.now());
    }, everyMs);
    return () => clearInterval(timer);
  }, [enabled, everyMs]);
  return now;
}
