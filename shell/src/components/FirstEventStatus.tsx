/**
 * "Waiting for the first event": asks every few seconds whether the site has any visitor yet
 * (cheap while it has none) and turns green by itself when the first one arrives.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { StatsResult } from '@qusto/sdk';
import { describeError } from '../dashboard/api/stats-client.ts';
import { useRequest } from '../dashboard/api/use-request.ts';
import { anyDataQuery } from '../dashboard/queries.ts';

export const FIRST_EVENT_POLL_MS = 3_000;

export interface FirstEventStatusProps {
  domain: string;
  /** Called once, when the first event is seen. */
  onArrived?: () => void;
  /** What to offer once it arrived (a link to the dashboard). */
  arrivedAction?: ReactNode;
  /** How often to ask. */
  pollMs?: number;
}

export function FirstEventStatus({ domain, onArrived, arrivedAction, pollMs = FIRST_EVENT_POLL_MS }: FirstEventStatusProps) {
  const [arrived, setArrived] = useState(false);
  const check = useRequest<StatsResult>(arrived ? null : { kind: 'query', body: anyDataQuery(domain) }, { refreshMs: pollMs });
  const visitors = check.data?.results[0]?.metrics[0];
  const seen = typeof visitors === 'number' && visitors > 0;
  useEffect(() => {
    if (seen && !arrived) {
      setArrived(true);
      onArrived?.();
    }
  }, [seen, arrived, onArrived]);

  if (arrived) {
    return (
      <div role="status" data-testid="first-event" data-state="arrived" className="flex flex-wrap items-center justify-center gap-3">
        <span className="inline-flex items-center gap-2 rounded-full bg-emerald-50 px-3 py-1 text-sm font-medium text-emerald-800 ring-1 ring-emerald-600/20 ring-inset dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/25">
          <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden="true" className="size-4">
            <path d="m5 10.5 3.2 3L15 6.5" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          First event received: {domain} is tracked
        </span>
        {arrivedAction}
      </div>
    );
  }
  const problem = check.status === 'error' ? describeError(check.error) : null;
  return (
    <div role="status" data-testid="first-event" data-state="waiting" className="flex flex-col items-center gap-1.5 text-center">
      <span className="inline-flex items-center gap-2 rounded-full bg-amber-50 px-3 py-1 text-sm font-medium text-amber-800 ring-1 ring-amber-600/15 ring-inset dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-400/20">
        <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-amber-500 motion-reduce:animate-none" />
        Waiting for the first event…
      </span>
      <span className="text-xs text-slate-500 dark:text-slate-400">
        {problem ? `Could not check just now (${problem.message}); trying again every few seconds.` : 'Checking every few seconds: this turns green by itself.'}
      </span>
    </div>
  );
}
