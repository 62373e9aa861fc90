/**
 * The tracking snippet for a site, with the tracker's optional features as switches: each one
 * changes the script's name (`/js/script.<features>.js`, canonical order from the tracker).
 */
import { useId, useState } from 'react';
import { fileName, type Extension } from '@qusto/tracker/variants';
import { Snippet } from './Snippet.tsx';

interface Feature {
  id: Extension;
  label: string;
  hint: string;
}

/** The switches offered, in the order a new user reads them. */
export const SNIPPET_FEATURES: readonly Feature[] = [
  { id: 'outbound-links', label: 'Outbound links', hint: 'Clicks on links to other sites' },
  { id: 'file-downloads', label: 'File downloads', hint: 'Clicks on links to PDFs, zips and other files' },
  { id: 'form-submissions', label: 'Form submissions', hint: 'Forms sent on your pages' },
  { id: '404', label: '404 error pages', hint: 'Pages that were not found' },
  { id: 'hash', label: 'Hash-based routing', hint: 'Counts #/paths of single-page apps as pages' },
  { id: 'tagged-events', label: 'Custom events', hint: 'Clicks on elements with a qusto-event-… class' },
  { id: 'pageview-props', label: 'Custom properties', hint: 'Extra data-…-attributes on the script tag' },
  { id: 'revenue', label: 'Revenue', hint: 'Money amounts on custom events' },
];

export function scriptName(features: readonly Extension[]): string {
  // Revenue only does something with custom events, so it brings them along.
  return fileName(features.includes('revenue') ? [...features, 'tagged-events'] : features);
}

export function snippetFor(domain: string, features: readonly Extension[], origin = typeof window === 'undefined' ? '' : window.location.origin): string {
  return `<script defer data-domain="${domain}" src="${origin}/js/${scriptName(features)}"></script>`;
}

export function InstallSnippet({ domain }: { domain: string }) {
  const [features, setFeatures] = useState<Extension[]>([]);
  const groupId = useId();
  const toggle = (id: Extension, on: boolean) => setFeatures((current) => (on ? [...current, id] : current.filter((f) => f !== id)));
  return (
    <div className="space-y-4">
      <Snippet code={snippetFor(domain, features)} />
      <fieldset aria-describedby={`${groupId}-hint`}>
        <legend className="text-sm font-semibold text-slate-900 dark:text-white">Optional measurements</legend>
        <p id={`${groupId}-hint`} className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">
          Each one you switch on changes the script’s name above; pageviews are always counted.
        </p>
        <div className="mt-3 grid gap-2 sm:grid-cols-2">
          {SNIPPET_FEATURES.map((feature) => {
            const on = features.includes(feature.id) || (feature.id === 'tagged-events' && features.includes('revenue'));
            const implied = feature.id === 'tagged-events' && features.includes('revenue') && !features.includes('tagged-events');
            return (
              <label
                key={feature.id}
                className={`flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-2 transition has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-indigo-600 ${
                  on ? 'border-indigo-300 bg-indigo-50/60 dark:border-indigo-500/40 dark:bg-indigo-500/10' : 'border-slate-200 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800/60'
                }`}
              >
                <input
                  type="checkbox"
                  role="switch"
                  className="peer sr-only"
                  checked={on}
                  disabled={implied}
                  onChange={(event) => toggle(feature.id, event.target.checked)}
                />
                <span
                  aria-hidden="true"
                  className={`relative mt-0.5 inline-flex h-5 w-9 shrink-0 rounded-full transition ${on ? 'bg-indigo-600 dark:bg-indigo-500' : 'bg-slate-300 dark:bg-slate-600'}`}
                >
                  <span className={`absolute top-0.5 size-4 rounded-full bg-white shadow-sm transition-all ${on ? 'left-4.5' : 'left-0.5'}`} />
                </span>
                <span className="min-w-0">
                  <span className="block text-sm font-medium text-slate-800 dark:text-slate-200">{feature.label}</span>
                  <span className="block text-xs text-slate-500 dark:text-slate-400">{implied ? 'Needed for revenue' : feature.hint}</span>
                </span>
              </label>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
