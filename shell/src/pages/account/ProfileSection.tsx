/** Name, sign-in address (changed through a mailed confirmation) and the colour theme. */
import { useQusto } from '@qusto/sdk/ui';
import { useEffect, useId, useState, useSyncExternalStore, type FormEvent } from 'react';
import { announceSessionChange } from '../../components/AccountMenu.tsx';
import { primaryButtonClass } from '../../dashboard/components/ui.tsx';
import { setTheme, storedTheme, subscribeTheme, type ThemePreference } from '../../theme.ts';
import { errorText, Notice, TextField } from '../auth/parts.tsx';
import type { Me } from './model.ts';
import { SectionCard } from './parts.tsx';

type OnMeChange = (change: (me: Me) => Me) => void;

export function ProfileSection({ me, onMeChange }: { me: Me; onMeChange: OnMeChange }) {
  return (
    <>
      <NameCard me={me} onMeChange={onMeChange} />
      <EmailCard me={me} />
      <AppearanceCard />
    </>
  );
}

function NameCard({ me, onMeChange }: { me: Me; onMeChange: OnMeChange }) {
  const { api } = useQusto();
  const [name, setName] = useState(me.user.name);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const unchanged = name.trim() === me.user.name;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setResult(null);
    try {
      const { user } = await api.put<{ user: { name: string } }>('/api/me', { name: name.trim() });
      onMeChange((current) => ({ ...current, user: { ...current.user, name: user.name } }));
      setName(user.name);
      setResult({ ok: true, message: 'Saved.' });
      announceSessionChange();
    } catch (failure) {
      setResult({ ok: false, message: errorText(failure) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <SectionCard
        title="Your name"
        description="Shown to the people in your teams."
        footer={
          <>
            {result && (
              <span role={result.ok ? 'status' : 'alert'} className={`mr-auto text-sm ${result.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-rose-700 dark:text-rose-300'}`}>
                {result.message}
              </span>
            )}
            <button type="submit" className={primaryButtonClass} disabled={busy || unchanged}>
              {busy ? 'Saving…' : 'Save name'}
            </button>
          </>
        }
      >
        <div className="max-w-md">
          <TextField label="Name" value={name} onChange={setName} autoComplete="name" maxLength={100} placeholder="Ada Lovelace" />
        </div>
      </SectionCard>
    </form>
  );
}

function EmailCard({ me }: { me: Me }) {
  const { api } = useQusto();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [mailKind, setMailKind] = useState<'smtp' | 'log' | null>(null);

  useEffect(() => {
    let current = true;
    api.get<{ mail?: 'smtp' | 'log' }>('/api/auth/status').then(
      (status) => current && setMailKind(status.mail ?? null),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const address = email.trim();
    if (!address.includes('@')) return setError('Enter the new email address.');
    if (address.toLowerCase() === me.user.email.toLowerCase()) return setError('That is already your address.');
    if (!password) return setError('Enter your current password.');
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/me/email', { email: address, password });
      setSentTo(address);
      setEmail('');
      setPassword('');
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <SectionCard
        title="Email address"
        description={
          <>
            You sign in with <strong className="font-medium break-all text-slate-900 dark:text-white">{me.user.email}</strong>. To change it, we mail a confirmation link to the new address.
          </>
        }
        footer={
          <button type="submit" className={primaryButtonClass} disabled={busy}>
            {busy ? 'Sending…' : 'Send confirmation link'}
          </button>
        }
      >
        <div className="grid max-w-2xl gap-4 sm:grid-cols-2">
          <TextField label="New email address" type="email" value={email} onChange={setEmail} autoComplete="email" maxLength={320} />
          <TextField label="Current password" type="password" value={password} onChange={setPassword} autoComplete="current-password" />
        </div>
        {error && (
          <Notice tone="error" className="mt-4">
            {error}
          </Notice>
        )}
        {sentTo && (
          <Notice tone="success" className="mt-4">
            Check the inbox of <strong className="font-semibold break-all">{sentTo}</strong>: open the link we sent within 24 hours to confirm it. Until then you keep signing in with {me.user.email}.
            {mailKind === 'log' && ' This instance has no mail server set up, so the link is in the server log: ask your Qusto admin for it.'}
          </Notice>
        )}
      </SectionCard>
    </form>
  );
}

const THEMES: Array<{ value: ThemePreference; label: string; hint: string }> = [
  { value: 'system', label: 'System', hint: 'Follows your device' },
  { value: 'light', label: 'Light', hint: 'Always light' },
  { value: 'dark', label: 'Dark', hint: 'Always dark' },
];

function AppearanceCard() {
  const theme = useSyncExternalStore(subscribeTheme, storedTheme, () => 'system' as const);
  const name = useId();
  return (
    <SectionCard title="Appearance" description="The colour theme, saved in this browser.">
      <fieldset>
        <legend className="sr-only">Colour theme</legend>
        <div className="grid max-w-xl gap-3 sm:grid-cols-3">
          {THEMES.map((option) => (
            <label
              key={option.value}
              className={`flex cursor-pointer items-start gap-3 rounded-lg border p-3 text-sm transition has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-indigo-600 ${
                theme === option.value
                  ? 'border-indigo-500 bg-indigo-50/60 dark:border-indigo-400 dark:bg-indigo-500/10'
                  : 'border-slate-200 hover:border-slate-300 dark:border-slate-700 dark:hover:border-slate-600'
              }`}
            >
              <input type="radio" name={name} value={option.value} checked={theme === option.value} onChange={() => setTheme(option.value)} className="mt-0.5 accent-indigo-600" />
              <span>
                <span className="block font-medium text-slate-900 dark:text-white">{option.label}</span>
                <span className="block text-xs text-slate-500 dark:text-slate-400">{option.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
    </SectionCard>
  );
}
