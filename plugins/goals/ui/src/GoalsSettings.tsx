/**
 * The goals plugin's settings (slot `site.settings`, shown at `/<domain>/settings/goals`): the
 * site's goals and funnels, to add, rename, edit and delete. Viewers see them read-only: the
 * page asks `GET /api/me/abilities` up front, and a 403 on a change also turns it read-only.
 */
import { useCallback, useMemo, useState } from 'react';
import { useQusto, type SlotProps } from '@qusto/sdk/ui';
import { FunnelsCard, type FunnelActions } from './settings/FunnelsCard.tsx';
import { GoalsCard, type GoalActions } from './settings/GoalsCard.tsx';
import { isForbidden, mayManageGoals, messageOf, useResource, type Funnel, type Goal, type Load, type Suggestions } from './settings/settings-api.ts';
import './goals.css';

const READ_ONLY_NOTICE = 'You can view this site’s goals and funnels; only its editors and admins can change them.';

export default function GoalsSettings({ site }: SlotProps) {
  if (!site?.domain) {
    return <p className="py-8 text-center text-sm text-slate-600 dark:text-slate-400">Open a site's settings to manage its goals.</p>;
  }
  return <SiteGoalsSettings domain={site.domain} />;
}

function SiteGoalsSettings({ domain }: { domain: string }) {
  const { api } = useQusto();
  const base = `/api/sites/${encodeURIComponent(domain)}`;
  const [goalsLoad, reloadGoals] = useResource<{ goals?: Goal[] }>(`${base}/goals`);
  const [funnelsLoad, reloadFunnels] = useResource<{ funnels?: Funnel[] }>(`${base}/funnels`);
  const [suggestions, reloadSuggestions] = useResource<Suggestions>(`${base}/goals/suggestions`);
  const [abilities] = useResource<{ rules?: unknown }>('/api/me/abilities');
  const [siteInfo] = useResource<{ site?: { id?: string; teamId?: string | null } }>(base);
  const [forbidden, setForbidden] = useState(false);
  const target = siteInfo.status === 'ready' && siteInfo.data?.site?.id ? { id: String(siteInfo.data.site.id), teamId: siteInfo.data.site.teamId ?? null } : null;
  const readOnly = forbidden || (abilities.status === 'ready' && target !== null && !mayManageGoals(abilities.data?.rules, target));

  const goals: Load<Goal[]> = useMemo(
    () => (goalsLoad.status === 'ready' ? { status: 'ready', data: Array.isArray(goalsLoad.data?.goals) ? goalsLoad.data.goals : [] } : goalsLoad),
    [goalsLoad],
  );
  const funnels: Load<Funnel[]> = useMemo(
    () => (funnelsLoad.status === 'ready' ? { status: 'ready', data: Array.isArray(funnelsLoad.data?.funnels) ? funnelsLoad.data.funnels : [] } : funnelsLoad),
    [funnelsLoad],
  );

  /** Runs a change; answers the problem in words (null when it worked) and reloads what it touched. */
  const change = useCallback(async (action: () => Promise<unknown>, reload: Array<() => void>): Promise<string | null> => {
    try {
      await action();
      reload.forEach((r) => r());
      return null;
    } catch (error) {
      if (isForbidden(error)) {
        setForbidden(true);
        return READ_ONLY_NOTICE;
      }
      return messageOf(error);
    }
  }, []);

  const goalActions: GoalActions = {
    create: (body) => change(() => api.post(`${base}/goals`, body), [reloadGoals, reloadSuggestions]),
    rename: (goal, name) => change(() => api.put(`${base}/goals/${goal.id}`, { display_name: name }), [reloadGoals, reloadFunnels]),
    remove: (goal) => change(() => api.delete(`${base}/goals/${goal.id}`), [reloadGoals, reloadFunnels, reloadSuggestions]),
  };
  const funnelActions: FunnelActions = {
    save: (funnel, body) => change(() => (funnel ? api.put(`${base}/funnels/${funnel.id}`, body) : api.post(`${base}/funnels`, body)), [reloadFunnels]),
    remove: (funnel) => change(() => api.delete(`${base}/funnels/${funnel.id}`), [reloadFunnels]),
  };

  return (
    <div className="space-y-6" data-testid="goals-settings">
      {readOnly && (
        <p role="status" className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-800 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-200">
          {READ_ONLY_NOTICE}
        </p>
      )}
      <GoalsCard goals={goals} suggestions={suggestions} readOnly={readOnly} actions={goalActions} onRetry={reloadGoals} />
      <FunnelsCard funnels={funnels} goals={goals.status === 'ready' ? goals.data : []} readOnly={readOnly} actions={funnelActions} onRetry={reloadFunnels} />
    </div>
  );
}
