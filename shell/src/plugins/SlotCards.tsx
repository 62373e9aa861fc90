/** The shell's own cards for a slot: loading skeleton and inline error. */
import { useId } from 'react';

export function SlotSkeleton({ label }: { label: string }) {
  return (
    <div
      role="status"
      aria-live="polite"
      aria-label={`Loading ${label}`}
      className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="animate-pulse">
        <div className="flex items-center justify-between">
          <div className="h-4 w-36 rounded bg-slate-200 dark:bg-slate-800" />
          <div className="h-4 w-12 rounded bg-slate-100 dark:bg-slate-800/60" />
        </div>
        <div className="mt-6 space-y-3">
          {[0.9, 0.75, 0.6, 0.45].map((width) => (
            <div key={width} className="flex items-center gap-4">
              <div className="h-3 rounded bg-slate-100 dark:bg-slate-800/70" style={{ width: `${width * 60}%` }} />
              <div className="ml-auto h-3 w-10 rounded bg-slate-100 dark:bg-slate-800/70" />
              <div className="h-3 w-10 rounded bg-slate-100 dark:bg-slate-800/70" />
            </div>
          ))}
        </div>
      </div>
      <span className="sr-only">Loading {label}…</span>
    </div>
  );
}

export interface SlotErrorCardProps {
  /** Short headline: "The goals plugin could not be loaded". */
  title: string;
  /** The reason, first line shown, the rest behind "Details". */
  reason: string;
  onRetry?: () => void;
  retrying?: boolean;
}

export function SlotErrorCard({ title, reason, onRetry, retrying }: SlotErrorCardProps) {
  const titleId = useId();
  const [summary, ...rest] = splitReason(reason);
  const details = rest.join('\n').trim();
  return (
    <div
      role="alert"
      aria-labelledby={titleId}
      className="rounded-xl border border-rose-200 bg-white p-5 shadow-sm dark:border-rose-900/60 dark:bg-slate-900"
    >
      <div className="flex items-start gap-3">
        <span
          aria-hidden="true"
          className="mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-full bg-rose-50 text-rose-600 dark:bg-rose-950/60 dark:text-rose-400"
        >
          <svg viewBox="0 0 20 20" fill="currentColor" className="size-4">
            <path
              fillRule="evenodd"
              d="M8.485 2.495c.673-1.167 2.357-1.167 3.03 0l6.28 10.875c.673 1.167-.17 2.625-1.516 2.625H3.72c-1.347 0-2.189-1.458-1.515-2.625L8.485 2.495ZM10 6a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 6Zm0 9a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
              clipRule="evenodd"
            />
          </svg>
        </span>
        <div className="min-w-0 flex-1">
          <h3 id={titleId} className="text-sm font-semibold text-slate-900 dark:text-slate-100">
            {title}
          </h3>
          <p className="mt-1 text-sm break-words text-slate-600 dark:text-slate-400">{summary}</p>
          {details && (
            <details className="mt-2 text-xs text-slate-500 dark:text-slate-400">
              <summary className="cursor-pointer select-none hover:text-slate-700 dark:hover:text-slate-200">Details</summary>
              <pre className="mt-2 max-h-40 overflow-auto rounded-md bg-slate-50 p-2 font-mono text-[11px] leading-relaxed whitespace-pre-wrap break-all dark:bg-slate-950">
                {details}
              </pre>
            </details>
          )}
          <p className="mt-3 text-xs text-slate-500 dark:text-slate-500">The rest of the dashboard is unaffected.</p>
        </div>
        {onRetry && (
          <button
            type="button"
            onClick={onRetry}
            disabled={retrying}
            className="shrink-0 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-xs transition hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-50 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700"
          >
            Retry
          </button>
        )}
      </div>
    </div>
  );
}

/** First line (without Module Federation's doc links) as summary, everything as details. */
function splitReason(reason: string): string[] {
  const lines = reason.split('\n').map((line) => line.trimEnd());
  const first = (lines.find((line) => line.trim() !== '') ?? 'Unknown error').trim();
  const rest = lines.length > 1 ? [reason] : [];
  return [first, ...rest];
}
