/** Small building blocks shared by the dashboard's parts. */
import { useId, type ReactNode, type SVGProps } from 'react';
import { describeError } from '../api/stats-client.ts';
import { describeChange } from '../format.ts';

type IconProps = SVGProps<SVGSVGElement>;
const icon = (path: ReactNode) =>
  function Icon(props: IconProps) {
    return (
      <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.6} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" {...props}>
        {path}
      </svg>
    );
  };

export const ChevronDownIcon = icon(<path d="m5.5 8 4.5 4.5L14.5 8" />);
export const ChevronLeftIcon = icon(<path d="M12 5.5 7.5 10l4.5 4.5" />);
export const ChevronRightIcon = icon(<path d="M8 5.5 12.5 10 8 14.5" />);
export const XIcon = icon(<path d="m5.5 5.5 9 9m0-9-9 9" />);
export const FilterIcon = icon(<path d="M3.5 5h13M6 10h8m-5.5 5h3" />);
export const DownloadIcon = icon(<path d="M10 3.5v9m0 0-3.5-3.5M10 12.5l3.5-3.5M4 15.5h12" />);
export const ExternalIcon = icon(<path d="M11.5 4H16v4.5M16 4l-7 7m-1-6H5a1 1 0 0 0-1 1v9a1 1 0 0 0 1 1h9a1 1 0 0 0 1-1v-3" />);
export const SearchIcon = icon(<path d="m14 14 3 3m-1.5-8a6.5 6.5 0 1 1-13 0 6.5 6.5 0 0 1 13 0Z" transform="translate(1 1) scale(.9)" />);
export const ExpandIcon = icon(<path d="M12 4h4v4M8 16H4v-4m12-8-5 5m-2 2-5 5" />);
export const CalendarIcon = icon(<path d="M4 6.5A1.5 1.5 0 0 1 5.5 5h9A1.5 1.5 0 0 1 16 6.5v8a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 4 14.5v-8ZM4 9h12M7.5 3.5v3m5-3v3" />);
export const CheckIcon = icon(<path d="m5 10.5 3.2 3L15 6.5" />);
export const SunIcon = icon(<path d="M10 3v1.5m0 11V17m7-7h-1.5m-11 0H3m11.95-4.95-1.06 1.06M6.11 13.89l-1.06 1.06m0-9.9 1.06 1.06m7.78 7.78 1.06 1.06M13 10a3 3 0 1 1-6 0 3 3 0 0 1 6 0Z" />);
export const MoonIcon = icon(<path d="M15.5 12.5A6.5 6.5 0 0 1 7.5 4.5a6.5 6.5 0 1 0 8 8Z" />);
export const MonitorIcon = icon(<path d="M3.5 5.5A1.5 1.5 0 0 1 5 4h10a1.5 1.5 0 0 1 1.5 1.5v6A1.5 1.5 0 0 1 15 13H5a1.5 1.5 0 0 1-1.5-1.5v-6ZM7.5 16.5h5M10 13v3.5" />);
export const CompareIcon = icon(<path d="M4 7h12m0 0-3-3m3 3-3 3M16 13H4m0 0 3-3m-3 3 3 3" />);

export const cardClass = 'rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900';

export const focusRing = 'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:focus-visible:outline-indigo-400';

export const buttonClass = `inline-flex items-center gap-1.5 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-xs transition hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700 ${focusRing}`;

export const primaryButtonClass = `inline-flex items-center justify-center gap-1.5 rounded-lg bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm transition hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-50 dark:bg-indigo-500 dark:hover:bg-indigo-400 ${focusRing}`;

export const iconButtonClass = `inline-flex items-center justify-center rounded-md p-1.5 text-slate-500 transition hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-white ${focusRing}`;

export const inputClass =
  'w-full min-w-0 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-900 placeholder:text-slate-400 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none dark:border-slate-700 dark:bg-slate-950 dark:text-white dark:placeholder:text-slate-500';

/** Grey bars while something loads; announced once as "Loading <label>". */
export function SkeletonRows({ label, rows = 6, className = '' }: { label: string; rows?: number; className?: string }) {
  return (
    <div role="status" aria-label={`Loading ${label}`} className={`animate-pulse space-y-3 ${className}`}>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex items-center gap-4">
          <div className="h-6 rounded bg-slate-100 dark:bg-slate-800" style={{ width: `${85 - i * 10}%` }} />
          <div className="ml-auto h-3 w-10 shrink-0 rounded bg-slate-100 dark:bg-slate-800" />
        </div>
      ))}
    </div>
  );
}

export function SkeletonBlock({ className = '' }: { className?: string }) {
  // A span: it also stands in for text inside buttons and paragraphs.
  return <span aria-hidden="true" className={`block animate-pulse rounded bg-slate-100 dark:bg-slate-800 ${className}`} />;
}

/**
 * What went wrong and a Retry. Authorisation problems are not alarms (role=status); the
 * dashboard shows one sign-in notice for them.
 */
export function ErrorNotice({ error, onRetry, what, compact = false }: { error: unknown; onRetry?: () => void; what: string; compact?: boolean }) {
  const titleId = useId();
  const info = describeError(error);
  const title = info.kind === 'auth' ? info.title : `${what} could not be loaded`;
  return (
    <div
      role={info.kind === 'auth' ? 'status' : 'alert'}
      aria-labelledby={titleId}
      className={`flex flex-col items-center justify-center text-center ${compact ? 'gap-2 py-6' : 'gap-3 py-12'}`}
    >
      <span aria-hidden="true" className="flex size-9 items-center justify-center rounded-full bg-rose-50 text-rose-600 dark:bg-rose-950/60 dark:text-rose-400">
        <svg viewBox="0 0 20 20" fill="currentColor" className="size-4">
          <path
            fillRule="evenodd"
            d="M8.485 2.495c.673-1.167 2.357-1.167 3.03 0l6.28 10.875c.673 1.167-.17 2.625-1.516 2.625H3.72c-1.347 0-2.189-1.458-1.515-2.625L8.485 2.495ZM10 6a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 6Zm0 9a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
            clipRule="evenodd"
          />
        </svg>
      </span>
      <div className="max-w-md">
        <p id={titleId} className="text-sm font-semibold text-slate-900 dark:text-slate-100">
          {title}
        </p>
        <p className="mt-1 text-sm break-words text-slate-600 dark:text-slate-400">
          {info.kind === 'auth' ? info.message : `${info.title}: ${info.message}`}
        </p>
      </div>
      {onRetry && info.kind !== 'auth' && (
        <button type="button" onClick={onRetry} className={buttonClass}>
          Retry
        </button>
      )}
    </div>
  );
}

/** ↑ 12% in green (or red when lower is better, as for bounce rate). */
export function ChangeBadge({ metric, change, className = '' }: { metric: string; change: number | null | undefined; className?: string }) {
  const view = describeChange(metric, change);
  if (!view) return null;
  const tone =
    view.good === null
      ? 'text-slate-500 dark:text-slate-400'
      : view.good
        ? 'text-emerald-600 dark:text-emerald-400'
        : 'text-rose-600 dark:text-rose-400';
  return (
    <span className={`inline-flex items-center gap-0.5 text-xs font-semibold tabular-nums ${tone} ${className}`}>
      <span aria-hidden="true">{view.direction === 'up' ? '↑' : view.direction === 'down' ? '↓' : '〜'}</span>
      <span aria-hidden="true">{view.text}</span>
      <span className="sr-only">{view.spoken}</span>
    </span>
  );
}

/** Live dot (pulsing unless the user prefers reduced motion). */
export function LiveDot() {
  return (
    <span aria-hidden="true" className="relative inline-flex size-2.5">
      <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-60 motion-reduce:hidden" />
      <span className="relative inline-flex size-2.5 rounded-full bg-emerald-500" />
    </span>
  );
}
