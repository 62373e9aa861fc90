/** Password change and two-factor authentication (set-up, recovery codes, turning it off). */
import { useQusto } from '@qusto/sdk/ui';
import { useEffect, useState, type FormEvent } from 'react';
import { primaryButtonClass } from '../../dashboard/components/ui.tsx';
import { errorText, newPasswordProblem, Notice, PASSWORD_HINT, TextField } from '../auth/parts.tsx';
import type { Me } from './model.ts';
import { SectionCard } from './parts.tsx';
import { TwoFactorCard } from './TwoFactorCard.tsx';

type OnMeChange = (change: (me: Me) => Me) => void;

export function SecuritySection({ me, onMeChange }: { me: Me; onMeChange: OnMeChange }) {
  return (
    <>
      <PasswordCard />
      <TwoFactorCard me={me} onMeChange={onMeChange} />
    </>
  );
}

function PasswordCard() {
  const { api } = useQusto();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);

  // A success message should not outlive the next edit.
  useEffect(() => {
    if (current || next || again) setResult((result) => (result?.ok ? null : result));
  }, [current, next, again]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!current) return setResult({ ok: false, message: 'Enter your current password.' });
    const problem = newPasswordProblem(next, again);
    if (problem) return setResult({ ok: false, message: problem });
    setBusy(true);
    setResult(null);
    try {
      await api.put('/api/me/password', { currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setAgain('');
      setResult({ ok: true, message: 'Your password is changed. Every other device where you were signed in is now signed out.' });
    } catch (failure) {
      setResult({ ok: false, message: errorText(failure) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <SectionCard
        title="Password"
        description="Changing it signs you out everywhere except here."
        footer={
          <button type="submit" className={primaryButtonClass} disabled={busy}>
            {busy ? 'Saving…' : 'Change password'}
          </button>
        }
      >
        <div className="grid max-w-2xl gap-4 sm:grid-cols-2">
          <div className="sm:col-span-2 sm:max-w-[calc(50%-0.5rem)]">
            <TextField label="Current password" type="password" value={current} onChange={setCurrent} autoComplete="current-password" />
          </div>
          <TextField label="New password" type="password" value={next} onChange={setNext} autoComplete="new-password" minLength={10} hint={PASSWORD_HINT} />
          <TextField label="Repeat the new password" type="password" value={again} onChange={setAgain} autoComplete="new-password" />
        </div>
        {result && (
          <Notice tone={result.ok ? 'success' : 'error'} className="mt-4">
            {result.message}
          </Notice>
        )}
      </SectionCard>
    </form>
  );
}
