/** Form pieces shared by the pages a mailed link opens and the account pages. */
import { QustoApiError } from '@qusto/sdk';
import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { focusRing } from '../../dashboard/components/ui.tsx';

export const fieldClass =
  'mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none disabled:bg-slate-50 disabled:text-slate-500 read-only:bg-slate-50 read-only:text-slate-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-500 dark:disabled:bg-slate-800/60 dark:read-only:bg-slate-800/60 dark:read-only:text-slate-300';

export const submitClass = `inline-flex items-center justify-center gap-1.5 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm transition hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-60 dark:bg-indigo-500 dark:hover:bg-indigo-400 ${focusRing}`;

export const linkClass = 'font-medium text-indigo-600 hover:underline dark:text-indigo-400';

/** A failed request in words a person can act on. */
export function errorText(failure: unknown): string {
  if (failure instanceof QustoApiError) {
    if (failure.status === 429) return failure.message || 'Too many attempts; wait a few minutes and try again.';
    if (failure.status >= 500) return 'The server had a problem. Try again in a moment.';
    return failure.message;
  }
  return 'Something went wrong. Check your connection and try again.';
}

export const statusOf = (failure: unknown): number | null => (failure instanceof QustoApiError ? failure.status : null);

type Tone = 'error' | 'success' | 'info' | 'warning';

const TONES: Record<Tone, string> = {
  error: 'border-rose-300 bg-rose-50 text-rose-800 dark:border-rose-500/40 dark:bg-rose-500/10 dark:text-rose-200',
  success: 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-500/40 dark:bg-emerald-500/10 dark:text-emerald-200',
  info: 'border-slate-200 bg-slate-50 text-slate-700 dark:border-slate-700 dark:bg-slate-800/60 dark:text-slate-300',
  warning: 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-200',
};

/** A boxed message; errors are alerts, the rest are announced politely. */
export function Notice({ tone, children, className = '' }: { tone: Tone; children: ReactNode; className?: string }) {
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`rounded-lg border p-3 text-sm ${TONES[tone]} ${className}`}>
      {children}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className' | 'onChange'> & {
  label: string;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
};

/** A labelled input with an optional hint under it (tied by aria-describedby). */
export function TextField({ label, hint, value, onChange, ...rest }: TextFieldProps) {
  const id = useId();
  const hintId = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      <input id={id} className={fieldClass} value={value} onChange={(event) => onChange(event.target.value)} aria-describedby={hint ? hintId : undefined} {...rest} />
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
    </div>
  );
}

export const PASSWORD_HINT = 'At least 10 characters; common passwords are refused.';

/** The checks a browser can make before asking the server (which also refuses common passwords). */
export function newPasswordProblem(password: string, confirmation: string): string | null {
  if (password.length < 10) return 'The password must be at least 10 characters long.';
  if (password.length > 256) return 'The password must be at most 256 characters long.';
  if (password !== confirmation) return 'The two passwords are not the same.';
  return null;
}

/** The narrow, centred column of the sign-in style pages. */
export function AuthPage({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <div className="mx-auto w-full max-w-sm px-4 py-16">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">{title}</h1>
      {description && <div className="mt-2 text-sm text-slate-600 dark:text-slate-400">{description}</div>}
      <div className="mt-6">{children}</div>
    </div>
  );
}
