import { QustoApiError } from '@qusto/sdk';
import { useQusto } from '@qusto/sdk/ui';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { Link, navigate, sitePath } from '../router.tsx';
import { primaryButtonClass } from '../dashboard/components/ui.tsx';
import { SetupSteps } from './site/SiteSetup.tsx';
import { Welcome } from './Welcome.tsx';
import { currentZoneName, timeZoneList } from './settings/time-zones.ts';

interface SiteSummary {
  id: string;
  domain: string;
  timezone: string;
}

type SitesState = { kind: 'loading' } | { kind: 'signed-out' } | { kind: 'error'; message: string } | { kind: 'ready'; sites: SiteSummary[] };

const card = 'rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900';
const input =
  'rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none dark:border-slate-700 dark:bg-slate-900 dark:text-white';

/** `/`: the signed-in user's sites with their last 24 hours, and adding a site; the welcome page otherwise. */
export function Sites() {
  const { api } = useQusto();
  const [state, setState] = useState<SitesState>({ kind: 'loading' });
  const [search, setSearch] = useState('');

  useEffect(() => {
    api.get<{ sites: SiteSummary[] }>('/api/sites').then(
      ({ sites }) => setState({ kind: 'ready', sites }),
      (error: unknown) =>
        setState(error instanceof QustoApiError && error.status === 401 ? { kind: 'signed-out' } : { kind: 'error', message: (error as Error).message }),
    );
  }, [api]);

  const visible = useMemo(
    () => (state.kind === 'ready' ? state.sites.filter((s) => s.domain.includes(search.trim().toLowerCase())) : []),
    [state, search],
  );

  if (state.kind === 'signed-out') return <Welcome />;
  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">My sites</h1>
        {state.kind === 'ready' && state.sites.length > 4 && (
          <input type="search" aria-label="Search sites" placeholder="Search sites" value={search} onChange={(e) => setSearch(e.target.value)} className={`${input} w-56`} />
        )}
      </div>
      {state.kind === 'loading' && <div className={`${card} mt-6 h-24 animate-pulse`} aria-busy="true" />}
      {state.kind === 'error' && (
        <p role="alert" className="mt-6 rounded-lg border border-rose-300 bg-rose-50 p-4 text-sm text-rose-800 dark:border-rose-500/40 dark:bg-rose-500/10 dark:text-rose-200">
          Could not load your sites: {state.message}
        </p>
      )}
      {state.kind === 'ready' && (
        <>
          {state.sites.length === 0 && <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">No sites yet. Add the first one below: it takes a minute.</p>}
          <ul className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="sites-list">
            {visible.map((site) => (
              <SiteCard key={site.id} site={site} />
            ))}
          </ul>
          <AddSite first={state.sites.length === 0} />
        </>
      )}
    </div>
  );
}

/** One site: its visitors in the last 24 hours and an hourly sparkline. */
function SiteCard({ site }: { site: SiteSummary }) {
  const { api } = useQusto();
  const [series, setSeries] = useState<number[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  useEffect(() => {
    type Answer = { results: Array<{ dimensions: string[]; metrics: number[] }> };
    const query = { site_id: site.domain, metrics: ['visitors'], date_range: '24h' };
    // Unique visitors of the whole day (hours can't be summed: one visitor spans several).
    api.post<Answer>('/api/v2/query', query).then(
      (answer) => setTotal(answer.results[0]?.metrics[0] ?? 0),
      () => setTotal(null),
    );
    api.post<Answer>('/api/v2/query', { ...query, dimensions: ['time:hour'] }).then(
      (answer) => setSeries(answer.results.map((row) => row.metrics[0] ?? 0)),
      () => setSeries([]),
    );
  }, [api, site.domain]);
  return (
    <li className={`${card} p-5 transition hover:border-indigo-300 dark:hover:border-indigo-500/50`}>
      <Link to={sitePath(site.domain)} className="block focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-indigo-600">
        <div className="flex items-center justify-between gap-2">
          <span className="truncate font-medium text-slate-900 dark:text-white">{site.domain}</span>
          <span className="text-xs text-slate-500">{site.timezone}</span>
        </div>
        <Sparkline values={series} />
        <p className="text-sm text-slate-600 dark:text-slate-400">
          <span className="font-semibold text-slate-900 dark:text-white">{total === null ? '–' : total.toLocaleString()}</span> {total === 1 ? 'visitor' : 'visitors'} in the last 24 hours
        </p>
      </Link>
    </li>
  );
}

function Sparkline({ values }: { values: number[] }) {
  const width = 240;
  const height = 40;
  const max = Math.max(1, ...values);
  const points = values.map((v, i) => `${values.length > 1 ? (i / (values.length - 1)) * width : 0},${height - (v / max) * (height - 4) - 2}`).join(' ');
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className="my-3 h-10 w-full text-indigo-500" aria-hidden="true" preserveAspectRatio="none">
      {values.length > 1 ? (
        <polyline points={points} fill="none" stroke="currentColor" strokeWidth="2" vectorEffect="non-scaling-stroke" />
      ) : (
        // No traffic yet: a quiet baseline rather than an empty box.
        <line x1="0" x2={width} y1={height - 2} y2={height - 2} stroke="currentColor" strokeOpacity="0.3" strokeDasharray="4 4" vectorEffect="non-scaling-stroke" />
      )}
    </svg>
  );
}

function AddSite({ first }: { first: boolean }) {
  const { api } = useQusto();
  const ids = { domain: useId(), timezone: useId(), error: useId() };
  const [domain, setDomain] = useState('');
  // The browser's zone by default ('UTC' is listed as Etc/UTC).
  const [timezone, setTimezone] = useState(() => {
    const resolved = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return !resolved || resolved === 'UTC' ? 'Etc/UTC' : currentZoneName(resolved);
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const zones = useMemo(() => timeZoneList(timezone), [timezone]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const cleaned = domain.trim().replace(/^https?:\/\//i, '').replace(/\/.*$/, '');
    if (!cleaned) {
      setError('Enter your site’s domain, such as example.com.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { site } = await api.post<{ site: SiteSummary }>('/api/sites', { domain: cleaned, timezone });
      // The next steps (the snippet, then the first event) are the new site's dashboard.
      navigate(sitePath(site.domain));
    } catch (failure) {
      setError(failure instanceof QustoApiError ? failure.message : 'Something went wrong; try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="add-site-title" className={`${card} mt-8 p-5 sm:p-6`} data-testid="add-site">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 id="add-site-title" className="font-semibold text-slate-900 dark:text-white">
            {first ? 'Add your first site' : 'Add a site'}
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Next you get the snippet to paste into your pages, then we wait for the first visitor together.</p>
        </div>
        <SetupSteps current={0} />
      </div>
      <form onSubmit={submit} className="mt-5 grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end" noValidate>
        <div>
          <label htmlFor={ids.domain} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
            Domain
          </label>
          <input
            id={ids.domain}
            className={`${input} mt-1 block w-full`}
            placeholder="example.com"
            value={domain}
            onChange={(e) => setDomain(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            inputMode="url"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? ids.error : undefined}
            required
          />
        </div>
        <div>
          <label htmlFor={ids.timezone} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
            Time zone
          </label>
          <select id={ids.timezone} className={`${input} mt-1 block w-full`} value={timezone} onChange={(e) => setTimezone(e.target.value)}>
            {zones.map((zone) => (
              <option key={zone}>{zone}</option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={busy} className={`${primaryButtonClass} py-2`}>
          {busy ? 'Adding…' : 'Add site'}
        </button>
      </form>
      <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">Without https:// or a path; reports use the time zone for days and hours.</p>
      {error && (
        <p id={ids.error} role="alert" className="mt-3 rounded-lg border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:border-rose-500/40 dark:bg-rose-500/10 dark:text-rose-200">
          {error}
        </p>
      )}
    </section>
  );
}
