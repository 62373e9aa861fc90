/** Building blocks of the account sections: cards, copy and download buttons, confirmation dialogs. */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Modal } from '../../dashboard/components/Modal.tsx';
import { buttonClass, cardClass, CheckIcon, DownloadIcon, primaryButtonClass } from '../../dashboard/components/ui.tsx';
import { errorText, Notice, TextField } from '../auth/parts.tsx';

export const dangerButtonClass =
  'inline-flex items-center justify-center gap-1.5 rounded-lg bg-rose-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm transition hover:bg-rose-500 disabled:cursor-not-allowed disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-rose-600 dark:bg-rose-500 dark:hover:bg-rose-400';

export const subtleDangerClass =
  'inline-flex items-center justify-center gap-1.5 rounded-lg border border-rose-200 bg-white px-3 py-1.5 text-sm font-medium text-rose-700 shadow-xs transition hover:bg-rose-50 disabled:cursor-not-allowed disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-rose-600 dark:border-rose-500/40 dark:bg-slate-800 dark:text-rose-300 dark:hover:bg-rose-500/10';

/** One block of settings: a title, a line on what it is for, the content and an optional footer. */
export function SectionCard({ title, description, children, footer, id }: { title: string; description?: ReactNode; children: ReactNode; footer?: ReactNode; id?: string }) {
  const titleId = `${id ?? title.toLowerCase().replace(/\W+/g, '-')}-title`;
  return (
    <section aria-labelledby={titleId} className={`${cardClass} overflow-hidden`}>
      <div className="px-4 py-5 sm:px-6">
        <h3 id={titleId} className="text-base font-semibold text-slate-900 dark:text-white">
          {title}
        </h3>
        {description && <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{description}</p>}
        <div className="mt-5">{children}</div>
      </div>
      {footer && <div className="flex flex-wrap items-center justify-end gap-3 border-t border-slate-100 bg-slate-50/60 px-4 py-3 sm:px-6 dark:border-slate-800 dark:bg-slate-900/60">{footer}</div>}
    </section>
  );
}

async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard permission (or an old browser): the old way, through a selected textarea.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
    area.remove();
    return copied;
  }
}

/** Copies `text`; says "Copied" for a moment (announced to screen readers too). */
export function CopyButton({ text, label = 'Copy', className = buttonClass }: { text: string; label?: string; className?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <button
      type="button"
      className={className}
      onClick={async () => {
        setState((await writeClipboard(text)) ? 'copied' : 'failed');
        clearTimeout(timer.current);
        timer.current = setTimeout(() => setState('idle'), 2000);
      }}
    >
      {state === 'copied' && <CheckIcon className="size-4 text-emerald-600 dark:text-emerald-400" />}
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select and copy by hand' : label}</span>
    </button>
  );
}

/** Saves `text` as a file through a temporary link (no server round trip). */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function DownloadButton({ fileName, text, label }: { fileName: string; text: string; label: string }) {
  return (
    <button type="button" className={buttonClass} onClick={() => downloadText(fileName, text)}>
      <DownloadIcon className="size-4" />
      {label}
    </button>
  );
}

/**
 * A dialog that asks "are you sure?" (and the password when `password` is set), runs `onConfirm`,
 * shows its error if it fails and closes when it succeeds.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger = false,
  password = false,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  password?: boolean;
  onConfirm: (password: string) => Promise<void>;
  onClose: () => void;
}) {
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password && !value) {
      setError('Enter your password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onConfirm(value);
      onClose();
    } catch (failure) {
      setError(errorText(failure));
      setBusy(false);
    }
  }

  return (
    <Modal title={title} onClose={onClose} size="md" initialFocus="[data-autofocus]">
      <form onSubmit={submit} noValidate>
        <div className="space-y-4 px-4 py-4 text-sm text-slate-600 sm:px-6 dark:text-slate-400">
          <div>{children}</div>
          {password && <TextField label="Your password" type="password" value={value} onChange={setValue} autoComplete="current-password" data-autofocus required />}
          {error && <Notice tone="error">{error}</Notice>}
        </div>
        <div className="flex flex-wrap justify-end gap-3 border-t border-slate-100 px-4 py-3 sm:px-6 dark:border-slate-800">
          <button type="button" className={buttonClass} onClick={onClose} data-autofocus={password ? undefined : true}>
            Cancel
          </button>
          <button type="submit" className={danger ? dangerButtonClass : primaryButtonClass} disabled={busy}>
            {busy ? 'Please wait…' : confirmLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
