/**
 * Setting up a site that has no data yet, the steps after adding it: install the snippet
 * (with the optional measurements), then wait for the first event, which turns green by itself.
 * Shown by a new site's dashboard, where adding a site leads.
 */
import { useState } from 'react';
import { FirstEventStatus } from '../../components/FirstEventStatus.tsx';
import { InstallSnippet } from '../../components/InstallSnippet.tsx';
import { cardClass, primaryButtonClass } from '../../dashboard/components/ui.tsx';

const STEPS = ['Add the site', 'Install the script', 'Receive the first event'] as const;

export function SetupSteps({ current }: { current: 0 | 1 | 2 | 3 }) {
  return (
    <ol className="flex flex-wrap items-center justify-center gap-x-3 gap-y-2 text-xs font-medium" aria-label="Setting up">
      {STEPS.map((step, index) => {
        const done = index < current;
        const active = index === current;
        return (
          <li key={step} className="flex items-center gap-2" aria-current={active ? 'step' : undefined}>
            <span
              aria-hidden="true"
              className={`flex size-6 items-center justify-center rounded-full text-[11px] font-semibold ${
                done
                  ? 'bg-emerald-500 text-white dark:bg-emerald-500'
                  : active
                    ? 'bg-indigo-600 text-white ring-4 ring-indigo-600/15 dark:bg-indigo-500 dark:ring-indigo-400/20'
                    : 'bg-slate-200 text-slate-600 dark:bg-slate-800 dark:text-slate-400'
              }`}
            >
              {done ? '✓' : index + 1}
            </span>
            <span className={done || active ? 'text-slate-900 dark:text-white' : 'text-slate-500 dark:text-slate-400'}>
              {step}
              {done && <span className="sr-only"> (done)</span>}
            </span>
            {index < STEPS.length - 1 && <span aria-hidden="true" className="hidden h-px w-8 bg-slate-300 sm:block dark:bg-slate-700" />}
          </li>
        );
      })}
    </ol>
  );
}

export function SiteSetup({ domain, onDone }: { domain: string; onDone: () => void }) {
  const [arrived, setArrived] = useState(false);
  return (
    <section aria-labelledby="empty-site-title" className={`${cardClass} mt-2 px-5 py-8 sm:px-10`} data-testid="empty-site">
      <SetupSteps current={arrived ? 3 : 1} />
      <div className="mx-auto mt-6 max-w-2xl text-center">
        <h2 id="empty-site-title" className="text-xl font-semibold text-slate-900 dark:text-white">
          {arrived ? `${domain} is set up` : `Install the script on ${domain}`}
        </h2>
        <p className="mt-2 text-sm leading-6 text-slate-600 dark:text-slate-400">
          Paste this snippet into the <code className="font-mono text-[0.85em]">&lt;head&gt;</code> of every page of your site, then visit your site. No cookies, no consent banner
          needed.
        </p>
      </div>
      <div className="mx-auto mt-6 max-w-3xl text-left">
        <InstallSnippet domain={domain} />
      </div>
      <div className="mx-auto mt-8 max-w-2xl border-t border-slate-100 pt-6 dark:border-slate-800">
        <FirstEventStatus
          domain={domain}
          onArrived={() => setArrived(true)}
          arrivedAction={
            <button type="button" onClick={onDone} className={primaryButtonClass}>
              Open the dashboard
            </button>
          }
        />
      </div>
      <p className="mx-auto mt-6 max-w-2xl text-center text-xs text-slate-500 dark:text-slate-400">
        Nothing arriving? Make sure <code className="font-mono">data-domain</code> is exactly <code className="font-mono">{domain}</code>, and that an ad blocker is not stopping the
        script while you test.
      </p>
    </section>
  );
}
