/** What the settings module reads and writes, and small helpers around the API's answers. */
import { useCallback, useEffect, useState } from 'react';
import { useQusto } from '@qusto/sdk/ui';
import type { Funnel } from '../FunnelsPanel.tsx';
import type { Goal } from '../GoalsPanel.tsx';

export interface Suggestions {
  system: string[];
  events: string[];
  pages: string[];
}

export type Load<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; message: string };

export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
export const isForbidden = (error: unknown) => typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 403;

/** GET `path` with a reload function (after a change, or to retry). */
export function useResource<T>(path: string): [Load<T>, () => void] {
  const { api } = useQusto();
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let cancelled = false;
    api.get<T>(path).then(
      (data) => !cancelled && setState({ status: 'ready', data }),
      (error: unknown) => !cancelled && setState({ status: 'error', message: messageOf(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, path, generation]);
  return [state, useCallback(() => setGeneration((n) => n + 1), [])];
}

type PackedRule = [string, string, unknown?, unknown?];

/** The site as rules' conditions see it (`GET /api/sites/:domain`). */
export interface SiteTarget {
  id: string;
  teamId: string | null;
}

/** Equality conditions as core writes them (`{ teamId }`, `{ siteId }`); anything else may match. */
function conditionsMatch(conditions: unknown, site: SiteTarget): boolean {
  if (!conditions || typeof conditions !== 'object') return true;
  const fields: Record<string, unknown> = { siteId: site.id, teamId: site.teamId };
  return Object.entries(conditions as Record<string, unknown>).every(([key, value]) =>
    value !== null && typeof value === 'object' ? true : key in fields ? fields[key] === value : true,
  );
}

/**
 * Whether the principal may change this site's goals, from `GET /api/me/abilities` (CASL packed
 * rules: `[actions, subjects, conditions?, inverted?]`). Only decides what to show: the server
 * checks every change again, and a 403 still turns the page read-only.
 */
export function mayManageGoals(rules: unknown, site: SiteTarget): boolean {
  if (!Array.isArray(rules)) return true;
  return rules.some((rule) => {
    if (!Array.isArray(rule) || typeof rule[0] !== 'string' || typeof rule[1] !== 'string') return false;
    const [actions, subjects, conditions, inverted] = rule as PackedRule;
    if (inverted === 1 || inverted === true) return false;
    const subjectOk = subjects.split(',').some((s) => s === 'Goal' || s === 'all');
    return subjectOk && actions.split(',').some((a) => a === 'manage' || a === 'create') && conditionsMatch(conditions, site);
  });
}

export type { Funnel, Goal };
