/**
 * The imports plugin's settings page (slot `site.settings`, `/<domain>/settings/imports`):
 * upload Plausible CSV export files (several at once, progress and result per file), the list
 * of imports with their dates and row counts, and deleting an import.
 */
import { useCallback, useEffect, useId, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useQusto, type SlotProps } from '@qusto/sdk/ui';
import './imports.css';

/** One import as `GET /api/sites/:domain/imports` returns it. */
export interface SiteImport {
  id: string;
  source: string;
  start_date: string | null;
  end_date: string | null;
  status: 'importing' | 'completed' | 'failed';
  row_counts: Record<string, number>;
  files: string[];
  created_at: string;
}

interface ImportList {
  imports: SiteImport[];
  native_start_date: string | null;
}

interface ImportedFile {
  name: string;
  table: string;
  start_date: string;
  end_date: string;
  rows: number;
}

type Upload = {
  key: string;
  name: string;
  size: number;
} & ({ status: 'waiting' | 'uploading' } | { status: 'done'; file: ImportedFile } | { status: 'failed'; message: string });

type ListState = { status: 'loading' } | { status: 'ready'; data: ImportList } | { status: 'error'; message: string };

const focusRing = 'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:focus-visible:outline-indigo-400';
const cardClass = 'rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900';
const buttonClass = `inline-flex items-center justify-center gap-1.5 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-xs transition hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700 ${focusRing}`;
const deleteButtonClass = `inline-flex items-center justify-center gap-1.5 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-rose-700 shadow-xs transition hover:border-rose-300 hover:bg-rose-50 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-700 dark:bg-slate-800 dark:text-rose-300 dark:hover:border-rose-500/40 dark:hover:bg-rose-500/10 ${focusRing}`;
const dangerButtonClass = `inline-flex items-center justify-center gap-1.5 rounded-lg bg-rose-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm transition hover:bg-rose-500 disabled:cursor-not-allowed disabled:opacity-50 dark:bg-rose-500 dark:hover:bg-rose-400 ${focusRing}`;

/** The reason of a failed request, in words (403: the role, not a bug). */
export function problemText(error: unknown, action: string): string {
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 401 || status === 403) return `You can’t ${action} for this site: that needs an editor’s role or higher.`;
  if (error instanceof TypeError) return `Could not reach the server (${error.message}). Check your connection and try again.`;
  return error instanceof Error ? error.message : String(error);
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
/** `2024-01-31` -> `31 Jan 2024` (dates are calendar days: no time zone shift). */
export function formatDay(day: string | null): string {
  if (!day) return '—';
  const parsed = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? day : dateFormat.format(parsed);
}
const formatCount = (n: number) => new Intl.NumberFormat('en-US').format(n);
const formatSize = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
/** `imported_operating_systems` -> `operating systems`. */
export const tableLabel = (table: string) => table.replace(/^imported_/, '').replace(/_/g, ' ');
export const totalRows = (item: SiteImport) => Object.values(item.row_counts).reduce((sum, n) => sum + n, 0);

export default function ImportsPanel({ site }: SlotProps) {
  const { api } = useQusto();
  const domain = site?.domain;
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const base = domain ? `/api/sites/${encodeURIComponent(domain)}/imports` : null;

  useEffect(() => {
    if (!base) return;
    let cancelled = false;
    setList((current) => (current.status === 'ready' ? current : { status: 'loading' }));
    api.get<ImportList>(base).then(
      (data) => !cancelled && setList({ status: 'ready', data: { imports: Array.isArray(data?.imports) ? data.imports : [], native_start_date: data?.native_start_date ?? null } }),
      (error: unknown) => !cancelled && setList({ status: 'error', message: problemText(error, 'see the imports') }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, base, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  const busy = uploads.some((u) => u.status === 'waiting' || u.status === 'uploading');
  const update = (key: string, next: Partial<Upload>) => setUploads((all) => all.map((u) => (u.key === key ? ({ ...u, ...next } as Upload) : u)));

  /** Uploads files one by one into one import, so each gets its own progress and result. */
  const upload = useCallback(
    async (files: File[]) => {
      if (!base || files.length === 0) return;
      const sorted = files.slice().sort((a, b) => a.name.localeCompare(b.name));
      const batch: Upload[] = sorted.map((file, i) => ({ key: `${Date.now()}-${i}-${file.name}`, name: file.name, size: file.size, status: 'waiting' }));
      setUploads(batch);
      let importId: string | undefined;
      for (const [i, item] of batch.entries()) {
        const file = sorted[i]!;
        if (!/\.csv$/i.test(file.name)) {
          update(item.key, {
            status: 'failed',
            message: /\.zip$/i.test(file.name) ? 'Unzip the export first, then choose the CSV files inside it.' : 'Not a CSV file: choose the .csv files of a Plausible export.',
          });
          continue;
        }
        update(item.key, { status: 'uploading' });
        try {
          const content = await file.text();
          const result = await api.post<{ import: SiteImport; files: ImportedFile[] }>(base, {
            files: [{ name: file.name, content }],
            ...(importId ? { import_id: importId } : {}),
          });
          importId = result.import.id;
          update(item.key, { status: 'done', file: result.files[0]! });
        } catch (error) {
          // The row already names the file: keep only where and what.
          const message = problemText(error, 'import data');
          update(item.key, { status: 'failed', message: message.startsWith(`${file.name}: `) ? message.slice(file.name.length + 2) : message });
        }
      }
      reload();
    },
    [api, base, reload],
  );

  if (!domain) {
    return <div className={`${cardClass} p-6 text-sm text-slate-600 dark:text-slate-400`}>Open a site’s settings to import data into it.</div>;
  }
  const nativeStart = list.status === 'ready' ? list.data.native_start_date : null;

  return (
    <div data-testid="imports-panel" className="flex min-w-0 flex-col gap-6">
      <Card
        title="Import data"
        description={
          <>
            Bring in history from another Plausible: export the site’s data there (Site settings → Imports &amp; Exports), unzip it and choose the CSV files. Imported days
            are added to your stats wherever a report can include them.
          </>
        }
      >
        {nativeStart && (
          <p role="note" data-testid="native-start" className="mb-4 flex items-start gap-2 rounded-lg border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-900 dark:border-indigo-500/30 dark:bg-indigo-500/10 dark:text-indigo-100">
            <InfoIcon />
            <span>
              Qusto has its own data from <strong className="font-semibold">{formatDay(nativeStart)}</strong>. Imported days must end before that day, so no day is counted twice.
            </span>
          </p>
        )}
        <DropZone disabled={busy} onFiles={upload} />
        {uploads.length > 0 && <UploadResults uploads={uploads} busy={busy} onClear={() => setUploads([])} />}
      </Card>

      <Card title="Imports" description="Each upload is one import. Deleting an import removes its data from your stats.">
        {list.status === 'loading' && <ListSkeleton />}
        {list.status === 'error' && <Failure title="The imports could not be loaded." message={list.message} onRetry={reload} />}
        {list.status === 'ready' && list.data.imports.length === 0 && (
          <div data-testid="imports-empty" className="flex flex-col items-center gap-2 rounded-lg border border-dashed border-slate-300 px-4 py-8 text-center dark:border-slate-700">
            <p className="text-sm font-semibold text-slate-900 dark:text-slate-100">No imports yet</p>
            <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">Choose the CSV files of a Plausible export above to bring in your history. They show up here once imported.</p>
          </div>
        )}
        {list.status === 'ready' && list.data.imports.length > 0 && (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="imports-list">
            {list.data.imports.map((item) => (
              <ImportRow key={item.id} item={item} base={base!} onDeleted={reload} />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

function Card({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className={`${cardClass} p-5 sm:p-6`}>
      <h2 id={titleId} className="text-base font-semibold text-slate-900 dark:text-white">
        {title}
      </h2>
      {description && <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{description}</p>}
      <div className="mt-5">{children}</div>
    </section>
  );
}

function DropZone({ disabled, onFiles }: { disabled: boolean; onFiles: (files: File[]) => void }) {
  const inputId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (!disabled) onFiles(Array.from(event.dataTransfer.files));
  };
  return (
    <div
      data-testid="imports-dropzone"
      onDragOver={(event) => {
        event.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      className={`relative flex flex-col items-center gap-3 rounded-xl border-2 border-dashed px-4 py-8 text-center transition focus-within:border-indigo-500 sm:px-6 ${
        over ? 'border-indigo-500 bg-indigo-50 dark:border-indigo-400 dark:bg-indigo-500/10' : 'border-slate-300 bg-slate-50/60 dark:border-slate-700 dark:bg-slate-800/30'
      } ${disabled ? 'opacity-60' : ''}`}
    >
      <span aria-hidden="true" className="flex size-10 items-center justify-center rounded-full bg-indigo-100 text-indigo-600 dark:bg-indigo-500/20 dark:text-indigo-300">
        <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.6} strokeLinecap="round" strokeLinejoin="round" className="size-5">
          <path d="M10 13V4m0 0L6.5 7.5M10 4l3.5 3.5M4 13.5v1A1.5 1.5 0 0 0 5.5 16h9a1.5 1.5 0 0 0 1.5-1.5v-1" />
        </svg>
      </span>
      <div>
        <label htmlFor={inputId} className="cursor-pointer text-sm font-semibold text-indigo-700 hover:text-indigo-600 dark:text-indigo-300 dark:hover:text-indigo-200">
          Choose CSV files
        </label>
        <span className="text-sm text-slate-600 dark:text-slate-400"> or drop them here</span>
      </div>
      <p id={hintId} className="max-w-md text-xs text-slate-500 dark:text-slate-400">
        Files named like <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[11px] text-slate-700 dark:bg-slate-800 dark:text-slate-300">imported_visitors_20240101_20241231.csv</code>, one per
        table (visitors, sources, pages, entry and exit pages, locations, devices, browsers, operating systems, custom events).
      </p>
      <input
        ref={input}
        id={inputId}
        type="file"
        multiple
        accept=".csv,text/csv"
        disabled={disabled}
        aria-describedby={hintId}
        // The Browse button is the keyboard path; the label keeps the input named.
        tabIndex={-1}
        className="absolute size-px overflow-hidden opacity-0"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          // Choosing the same files again must fire a change.
          event.target.value = '';
          onFiles(files);
        }}
      />
      <button type="button" className={buttonClass} disabled={disabled} onClick={() => input.current?.click()}>
        {disabled ? 'Importing…' : 'Browse files'}
      </button>
    </div>
  );
}

function UploadResults({ uploads, busy, onClear }: { uploads: Upload[]; busy: boolean; onClear: () => void }) {
  const done = uploads.filter((u) => u.status === 'done').length;
  const failed = uploads.filter((u) => u.status === 'failed').length;
  return (
    <div className="mt-5" data-testid="upload-results">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm font-medium text-slate-900 dark:text-slate-100" role="status" aria-live="polite">
          {busy ? `Importing ${done + failed + 1} of ${uploads.length}…` : `${done} of ${uploads.length} ${uploads.length === 1 ? 'file' : 'files'} imported${failed > 0 ? `, ${failed} failed` : ''}`}
        </p>
        {!busy && (
          <button type="button" className={`text-sm font-medium text-slate-500 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white ${focusRing} rounded`} onClick={onClear}>
            Clear
          </button>
        )}
      </div>
      <ul className="mt-3 divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
        {uploads.map((u) => (
          <li key={u.key} data-testid="upload-row" data-status={u.status} className="flex items-start gap-3 px-3 py-2.5 text-sm">
            <UploadIcon status={u.status} />
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium text-slate-900 dark:text-slate-100" title={u.name}>
                {u.name}
              </p>
              <p className={`mt-0.5 text-xs break-words ${u.status === 'failed' ? 'text-rose-700 dark:text-rose-300' : 'text-slate-500 dark:text-slate-400'}`}>
                {u.status === 'waiting' && `Waiting · ${formatSize(u.size)}`}
                {u.status === 'uploading' && `Uploading and checking · ${formatSize(u.size)}`}
                {u.status === 'done' &&
                  `${formatCount(u.file.rows)} ${u.file.rows === 1 ? 'row' : 'rows'} into ${tableLabel(u.file.table)} · ${formatDay(u.file.start_date)} – ${formatDay(u.file.end_date)}`}
                {u.status === 'failed' && u.message}
              </p>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

function UploadIcon({ status }: { status: Upload['status'] }) {
  if (status === 'uploading' || status === 'waiting') {
    return (
      <span aria-hidden="true" className="mt-0.5 flex size-5 shrink-0 items-center justify-center">
        <span className={`size-4 rounded-full border-2 border-slate-300 dark:border-slate-600 ${status === 'uploading' ? 'animate-spin border-t-indigo-600 dark:border-t-indigo-400' : ''}`} />
      </span>
    );
  }
  const ok = status === 'done';
  return (
    <span
      aria-hidden="true"
      className={`mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full ${ok ? 'bg-emerald-100 text-emerald-700 dark:bg-emerald-500/20 dark:text-emerald-300' : 'bg-rose-100 text-rose-700 dark:bg-rose-500/20 dark:text-rose-300'}`}
    >
      <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" className="size-3">
        {ok ? <path d="m5 10.5 3.2 3L15 6.5" /> : <path d="m6 6 8 8m0-8-8 8" />}
      </svg>
    </span>
  );
}

const STATUS_BADGE: Record<SiteImport['status'], { label: string; className: string }> = {
  completed: { label: 'Completed', className: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/20' },
  importing: { label: 'Importing', className: 'bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-400/20' },
  failed: { label: 'Failed', className: 'bg-rose-50 text-rose-700 ring-rose-600/20 dark:bg-rose-500/10 dark:text-rose-300 dark:ring-rose-400/20' },
};

function ImportRow({ item, base, onDeleted }: { item: SiteImport; base: string; onDeleted: () => void }) {
  const { api } = useQusto();
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const rows = totalRows(item);
  const badge = STATUS_BADGE[item.status] ?? STATUS_BADGE.completed;

  const remove = async () => {
    setDeleting(true);
    setError(null);
    try {
      await api.delete(`${base}/${encodeURIComponent(item.id)}`);
      onDeleted();
    } catch (failure) {
      setError(problemText(failure, 'delete imports'));
      setDeleting(false);
    }
  };

  return (
    <li data-testid="import-row" aria-labelledby={titleId} className="py-4 first:pt-0 last:pb-0">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <p id={titleId} className="text-sm font-semibold text-slate-900 dark:text-slate-100">
              {formatDay(item.start_date)} – {formatDay(item.end_date)}
            </p>
            <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${badge.className}`}>{badge.label}</span>
          </div>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            CSV · {item.files.length} {item.files.length === 1 ? 'file' : 'files'} · {formatCount(rows)} {rows === 1 ? 'row' : 'rows'} · imported {formatDay(item.created_at)}
          </p>
          {Object.keys(item.row_counts).length > 0 && (
            <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="Rows per table">
              {Object.entries(item.row_counts)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([table, count]) => (
                  <li key={table} className="rounded-md bg-slate-100 px-2 py-0.5 text-xs text-slate-700 tabular-nums dark:bg-slate-800 dark:text-slate-300">
                    {tableLabel(table)} <span className="font-semibold">{formatCount(count)}</span>
                  </li>
                ))}
            </ul>
          )}
        </div>
        {!confirming && (
          <button
            type="button"
            className={`${deleteButtonClass} shrink-0 self-start`}
            onClick={() => setConfirming(true)}
            aria-label={`Delete the import of ${formatDay(item.start_date)} – ${formatDay(item.end_date)}`}
          >
            Delete
          </button>
        )}
      </div>
      {confirming && (
        <div role="alertdialog" aria-labelledby={`${titleId}-confirm`} className="mt-3 flex flex-col gap-3 rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 sm:flex-row sm:items-center sm:justify-between dark:border-rose-500/30 dark:bg-rose-500/10">
          <p id={`${titleId}-confirm`} className="text-sm text-rose-900 dark:text-rose-100">
            Delete this import? Its {formatCount(rows)} {rows === 1 ? 'row' : 'rows'} are removed from your stats. This can’t be undone.
          </p>
          <div className="flex shrink-0 gap-2">
            <button type="button" className={buttonClass} onClick={() => setConfirming(false)} disabled={deleting}>
              Cancel
            </button>
            <button ref={confirmRef} type="button" className={dangerButtonClass} onClick={remove} disabled={deleting}>
              {deleting ? 'Deleting…' : 'Delete import'}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}
    </li>
  );
}

function ListSkeleton() {
  return (
    <div role="status" aria-label="Loading imports" className="animate-pulse space-y-5">
      {[0, 1].map((i) => (
        <div key={i} className="space-y-2">
          <div className="h-4 w-56 max-w-full rounded bg-slate-100 dark:bg-slate-800" />
          <div className="h-3 w-72 max-w-full rounded bg-slate-100 dark:bg-slate-800" />
          <div className="flex gap-1.5">
            <div className="h-5 w-20 rounded bg-slate-100 dark:bg-slate-800" />
            <div className="h-5 w-16 rounded bg-slate-100 dark:bg-slate-800" />
          </div>
        </div>
      ))}
    </div>
  );
}

function Failure({ title, message, onRetry }: { title: string; message: string; onRetry: () => void }) {
  return (
    <div role="alert" className="flex flex-col items-start gap-3 rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-800 dark:border-rose-500/30 dark:bg-rose-500/10 dark:text-rose-200">
      <p>
        <span className="font-semibold">{title}</span> {message}
      </p>
      <button type="button" className={buttonClass} onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

function InfoIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-indigo-500 dark:text-indigo-300">
      <path fillRule="evenodd" d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-7-4a1 1 0 1 1-2 0 1 1 0 0 1 2 0ZM9 9a.75.75 0 0 0 0 1.5h.253a.25.25 0 0 1 .244.304l-.459 2.066A1.75 1.75 0 0 0 10.747 15H11a.75.75 0 0 0 0-1.5h-.253a.25.25 0 0 1-.244-.304l.459-2.066A1.75 1.75 0 0 0 9.253 9H9Z" clipRule="evenodd" />
    </svg>
  );
}
