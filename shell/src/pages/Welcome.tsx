import { useState, type FormEvent, type ReactNode } from 'react';
import { Snippet } from '../components/Snippet.tsx';
import { navigate, sitePath } from '../router.tsx';

export function Welcome() {
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const snippet = `<script defer data-domain="example.com" src="${origin}/js/script.js"></script>`;

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-16">
      <section className="mx-auto max-w-3xl text-center">
        <span className="inline-flex items-center rounded-full bg-indigo-50 px-3 py-1 text-xs font-medium text-indigo-700 ring-1 ring-indigo-600/10 ring-inset dark:bg-indigo-500/10 dark:text-indigo-300 dark:ring-indigo-400/20">
          Welcome to Qusto
        </span>
        <h1 className="mt-4 text-3xl font-semibold tracking-tight text-slate-900 sm:text-4xl dark:text-white">Add your first site</h1>
        <p className="mt-4 text-base leading-7 text-slate-600 dark:text-slate-400">
          Qusto shows where your visitors come from, what they read and what they do, without cookies and without
          collecting personal data. Add a website, put one script tag on its pages, and its dashboard fills in as soon as the
          first visit arrives.
        </p>
      </section>

      <ol className="mx-auto mt-12 grid max-w-5xl gap-4 md:grid-cols-3">
        <Step number={1} title="Add your site">
          Register the domain you want to measure, such as <Code>example.com</Code>.
        </Step>
        <Step number={2} title="Install the script">
          Paste the snippet into the <Code>&lt;head&gt;</Code> of every page. It loads asynchronously and sets no cookies.
        </Step>
        <Step number={3} title="Watch the numbers">
          Visitors, pages, sources, countries and goal conversions appear on the site's dashboard within seconds.
        </Step>
      </ol>

      <section aria-label="Tracking snippet" className="mx-auto mt-6 max-w-5xl">
        <Snippet code={snippet} />
      </section>

      <OpenDashboard />
    </div>
  );
}

function Step({ number, title, children }: { number: number; title: string; children: ReactNode }) {
  return (
    <li className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-center gap-3">
        <span className="flex size-7 items-center justify-center rounded-full bg-indigo-600 text-sm font-semibold text-white dark:bg-indigo-500">
          {number}
        </span>
        <h2 className="text-sm font-semibold text-slate-900 dark:text-white">{title}</h2>
      </div>
      <p className="mt-3 text-sm leading-6 text-slate-600 dark:text-slate-400">{children}</p>
    </li>
  );
}

function Code({ children }: { children: ReactNode }) {
  return (
    <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.8em] text-slate-800 dark:bg-slate-800 dark:text-slate-200">
      {children}
    </code>
  );
}

function OpenDashboard() {
  const [domain, setDomain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = domain
      .trim()
      .replace(/^https?:\/\//i, '')
      .replace(/\/.*$/, '')
      .toLowerCase();
    if (!/^[\p{L}\p{N}]([\p{L}\p{N}.-]*[\p{L}\p{N}])?$/u.test(value) || !value.includes('.')) {
      setError('Enter a domain such as example.com');
      return;
    }
    navigate(sitePath(value));
  };
  return (
    <section className="mx-auto mt-10 max-w-5xl rounded-xl border border-dashed border-slate-300 p-5 sm:flex sm:items-center sm:gap-6 dark:border-slate-700">
      <div className="sm:flex-1">
        <h2 className="text-sm font-semibold text-slate-900 dark:text-white">Already sending events?</h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Open a site's dashboard directly by its domain.</p>
      </div>
      <form onSubmit={submit} noValidate className="mt-4 sm:mt-0">
        <div className="flex gap-2">
          <label htmlFor="open-domain" className="sr-only">
            Domain
          </label>
          <input
            id="open-domain"
            type="text"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="example.com"
            value={domain}
            onChange={(event) => {
              setDomain(event.target.value);
              setError(null);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'open-domain-error' : undefined}
            className="w-full min-w-0 flex-1 rounded-lg border sm:w-56 sm:flex-none border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 placeholder:text-slate-400 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none dark:border-slate-700 dark:bg-slate-900 dark:text-white dark:placeholder:text-slate-500"
          />
          <button
            type="submit"
            className="shrink-0 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold whitespace-nowrap text-white shadow-sm transition hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            Open dashboard
          </button>
        </div>
        {error && (
          <p id="open-domain-error" className="mt-2 text-xs text-rose-600 dark:text-rose-400">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
