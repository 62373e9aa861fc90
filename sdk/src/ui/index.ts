/**
 * The UI half of the sdk. The shell shares this module with every plugin remote as a Module
 * Federation singleton, so the context below is the same object in the host and the remotes.
 */
import { createContext, useContext } from 'react';
import type { QustoClient } from '../client.ts';
import type { SiteRef } from '../hooks.ts';

export type { SlotName } from '../plugin.ts';

/** What the shell gives every component it renders into a slot. */
export interface SlotProps {
  /** The site the page is about, when there is one. */
  site?: SiteRef;
  /**
   * The dashboard's current view, on dashboard slots (`dashboard.panel`). Absent in hosts that
   * predate it: fall back to a default range and no filters.
   */
  dashboard?: DashboardView;
}

/** The dashboard's view as Stats API v2 shapes, and a way to narrow it. */
export interface DashboardView {
  /** The v2 `date_range` value: a period (`'28d'`, `'month'`) or `[from, to]` dates/timestamps. */
  dateRange: string | [string, string];
  /** The view's filters as v2 filter trees (`["is", "visit:source", ["Google"]]`). */
  filters: unknown[];
  /** Adds (or replaces, on the same dimension) a filter, e.g. `['is', 'event:goal', ['Signup']]`. */
  addFilter(filter: [string, string, string[]]): void;
}

export interface QustoUiContextValue {
  /** Same-origin API client; carries the user's session. */
  api: QustoClient;
  /** Version of the shell that hosts the remote. */
  shellVersion: string;
}

export const QustoUiContext = createContext<QustoUiContextValue | null>(null);

/** Access the host's API client and environment from inside a plugin component. */
export function useQusto(): QustoUiContextValue {
  const value = useContext(QustoUiContext);
  if (!value) throw new Error('useQusto() must be used inside the Qusto shell (QustoUiContext is missing)');
  return value;
}
