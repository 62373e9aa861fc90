/** Building blocks shared by the settings sections: cards, loading, errors, confirmations, copy. */
import { QustoApiError } from '@qusto/sdk';
import { useQusto } from '@qusto/sdk/ui';
import { useCallback, useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { Modal } from '../../dashboard/components/Modal.tsx';
import { buttonClass, cardClass, focusRing, inputClass, SkeletonBlock } from '../../dashboard/components/ui.tsx';

export const dangerButtonClass = `inline-flex items-center justify-center gap-1.5 rounded-lg bg-rose-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm transition hover:bg-rose-500 disabled:cursor-not-allowed disabled:opacity-50 dark:bg-rose-500 dark:hover:bg-rose-400 ${focusRing}`;

export const labelClass = 'block text-sm font-medium text-slate-700 dark:text-slate-300';
export const hintClass = 'mt-1 text-sm text-slate-500 dark:text-slate-400';

/** The message of a failed request, in words. */
export function errorText(error: unknown): string {
  if (error instanceof QustoApiError) return error.message;
  if (error instanceof Error) return `Could not reach the server (${error.message}). Check your connection and try again.`;
  return 'Something went wrong; try again.';
}

export type Resource<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'error'; data?: undefined; error: unknown }
  | { status: 'ready'; data: T; error?: undefined };

/** GETs `path` (null: nothing), with a reload; `replace` updates the data after a local change. */
export function useResource<T>(path: string | null): Resource<T> & { reload: () => void; replace: (data: T) => void } {
  const { api } = useQusto();
  const [state, setState] = useState<Resource<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let cancelled = false;
    setState({ status: 'loading' });
    api.get<T>(path).then(
      (data) => !cancelled && setState({ status: 'ready', data }),
      (error: unknown) => !cancelled && setState({ status: 'error', error }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, path, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const replace = useCallback((data: T) => setState({ status: 'ready', data }), []);
  return { ...state, reload, replace };
}

/** One titled card of a section. */
export function SettingsCard({ title, description, children, tone = 'default', testId }: { title: string; description?: ReactNode; children: ReactNode; tone?: 'default' | 'danger'; testId?: string }) {
  const titleId = useId();
  const border = tone === 'danger' ? 'border-rose-200 dark:border-rose-500/30' : '';
  return (
    <section aria-labelledby={titleId} className={`${cardClass} ${border} p-5 sm:p-6`} data-testid={testId}>
      <h2 id={titleId} className={`text-base font-semibold ${tone === 'danger' ? 'text-rose-700 dark:text-rose-300' : 'text-slate-900 dark:text-white'}`}>
        {title}
      </h2>
      {description && <div className="mt-1 text-sm text-slate-600 dark:text-slate-400">{description}</div>}
      <div className="mt-5">{children}</div>
    </section>
  );
}

/** Why the user cannot change something (their role), instead of controls that fail. */
export function ReadOnlyNotice({ children }: { children: ReactNode }) {
  return (
    <p role="note" className="flex items-start gap-2 rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-600 dark:border-slate-700 dark:bg-slate-800/60 dark:text-slate-300">
      <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-slate-400">
        <path fillRule="evenodd" d="M10 1a4.5 4.5 0 0 0-4.5 4.5V9H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm3 8V5.5a3 3 0 1 0-6 0V9h6Z" clipRule="evenodd" />
      </svg>
      <span>{children}</span>
    </p>
  );
}

/** A request that failed, in words, with Retry. */
export function LoadFailure({ what, error, onRetry }: { what: string; error: unknown; onRetry?: () => void }) {
  const denied = error instanceof QustoApiError && (error.status === 401 || error.status === 403);
  return (
    <div role={denied ? 'status' : 'alert'} className="flex flex-col items-start gap-3 rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-800 dark:border-rose-500/30 dark:bg-rose-500/10 dark:text-rose-200">
      <p>
        <span className="font-semibold">{denied ? `You can’t see ${what}.` : `${what.charAt(0).toUpperCase()}${what.slice(1)} could not be loaded.`}</span> {errorText(error)}
      </p>
      {onRetry && !denied && (
        <button type="button" onClick={onRetry} className={buttonClass}>
          Retry
        </button>
      )}
    </div>
  );
}

/** Grey bars in the shape of a list while it loads. */
export function ListSkeleton({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <div role="status" aria-label={`Loading ${label}`} className="space-y-3">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex items-center gap-4">
          <SkeletonBlock className="h-5 flex-1" />
          <SkeletonBlock className="h-5 w-16" />
        </div>
      ))}
    </div>
  );
}

/** An error under an input, tied to it by `id` (aria-describedby). */
export function FieldError({ id, message }: { id: string; message: string | null }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-1.5 text-sm text-rose-700 dark:text-rose-300">
      {message}
    </p>
  );
}

/** "Saved" for a moment after a change went through. */
export function SavedNote({ show, children = 'Saved' }: { show: boolean; children?: ReactNode }) {
  return (
    <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
      {show ? children : ''}
    </span>
  );
}

/** `true` for two seconds after `flash()`. */
export function useFlash(): [boolean, () => void] {
  const [on, setOn] = useState(false);
  useEffect(() => {
    if (!on) return;
    const timer = setTimeout(() => setOn(false), 2500);
    return () => clearTimeout(timer);
  }, [on]);
  return [on, useCallback(() => setOn(true), [])];
}

/** Copies `text`; the label says whether it worked. */
export function CopyButton({ text, label = 'Copy', className = buttonClass, ariaLabel }: { text: string; label?: string; className?: string; ariaLabel?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <button type="button" onClick={copy} className={className} aria-label={ariaLabel}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy' : label}
    </button>
  );
}

/** A code block (curl, iframe) with a Copy button; the text is React text, never HTML. */
export function CodeBlock({ code, caption }: { code: string; caption: string }) {
  return (
    <div className="overflow-hidden rounded-xl border border-slate-800 bg-slate-900 shadow-sm dark:border-slate-700">
      <div className="flex items-center justify-between gap-2 border-b border-slate-800 px-4 py-2">
        <span className="text-xs font-medium text-slate-400">{caption}</span>
        <CopyButton
          text={code}
          ariaLabel={`Copy ${caption}`}
          className="rounded-md px-2 py-1 text-xs font-medium text-slate-300 transition hover:bg-slate-800 hover:text-white focus-visible:outline-2 focus-visible:outline-indigo-500"
        />
      </div>
      <pre className="overflow-x-auto px-4 py-3 font-mono text-sm leading-6 break-all whitespace-pre-wrap text-slate-100">
        <code>{code}</code>
      </pre>
    </div>
  );
}

export interface ConfirmOptions {
  title: string;
  /** What will happen, in words. */
  message: ReactNode;
  confirmLabel: string;
  /** The user must type this (the domain) to confirm. */
  typeToConfirm?: string;
  danger?: boolean;
}

/**
 * A confirmation dialog. `onConfirm` runs the change; its failure is shown in the dialog and the
 * dialog stays open, so the user can retry or cancel.
 */
export function ConfirmDialog({ options, onConfirm, onClose }: { options: ConfirmOptions; onConfirm: () => Promise<void>; onClose: () => void }) {
  const inputId = useId();
  const errorId = useId();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ready = options.typeToConfirm === undefined || typed.trim() === options.typeToConfirm;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (failure) {
      setError(errorText(failure));
      setBusy(false);
    }
  }

  return (
    <Modal title={options.title} onClose={onClose} size="md">
      <form onSubmit={submit} className="space-y-4 px-4 py-4 sm:px-6">
        <div className="text-sm text-slate-600 dark:text-slate-300">{options.message}</div>
        {options.typeToConfirm !== undefined && (
          <div>
            <label htmlFor={inputId} className={labelClass}>
              Type <span className="font-mono font-semibold text-slate-900 dark:text-white">{options.typeToConfirm}</span> to confirm
            </label>
            <input
              id={inputId}
              className={`${inputClass} mt-1.5`}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={error ? errorId : undefined}
            />
          </div>
        )}
        <FieldError id={errorId} message={error} />
        <div className="flex flex-wrap justify-end gap-2 pt-1">
          <button type="button" onClick={onClose} className={buttonClass}>
            Cancel
          </button>
          <button type="submit" disabled={!ready || busy} className={options.danger === false ? buttonClass : dangerButtonClass}>
            {busy ? 'Working…' : options.confirmLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** State for one confirmation at a time: `ask(options, action)` opens it. */
export function useConfirm(): { dialog: ReactNode; ask: (options: ConfirmOptions, action: () => Promise<void>) => void } {
  const [pending, setPending] = useState<{ options: ConfirmOptions; action: () => Promise<void> } | null>(null);
  const ask = useCallback((options: ConfirmOptions, action: () => Promise<void>) => setPending({ options, action }), []);
  const dialog = pending ? <ConfirmDialog options={pending.options} onConfirm={pending.action} onClose={() => setPending(null)} /> : null;
  return { dialog, ask };
}
