/**
 * Two-factor authentication: set-up (QR code or key typed by hand, then a first code), the
 * recovery codes shown once, and when it is on, new recovery codes or turning it off.
 */
import { useQusto } from '@qusto/sdk/ui';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { buttonClass, primaryButtonClass } from '../../dashboard/components/ui.tsx';
import { errorText, fieldClass, Notice } from '../auth/parts.tsx';
import { cleanCode, formatRecoveryCode, groupSecret, recoveryCodesFileName, recoveryCodesText, type Me } from './model.ts';
import { ConfirmDialog, CopyButton, DownloadButton, SectionCard, subtleDangerClass } from './parts.tsx';

interface TwoFactorStatus {
  enabled: boolean;
  recoveryCodesLeft: number;
  requiredByTeam: boolean;
}

interface Setup {
  secret: string;
  otpauthUrl: string;
  qrCode: string;
}

type Step = { kind: 'overview' } | { kind: 'setup'; setup: Setup } | { kind: 'codes'; codes: string[]; why: 'enabled' | 'regenerated' };

type OnMeChange = (change: (me: Me) => Me) => void;

export function TwoFactorCard({ me, onMeChange }: { me: Me; onMeChange: OnMeChange }) {
  const { api } = useQusto();
  const [status, setStatus] = useState<TwoFactorStatus | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'overview' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'disable' | 'regenerate' | null>(null);

  const refresh = () =>
    api.get<TwoFactorStatus>('/api/me/2fa').then(
      (answer) => {
        setStatus(answer);
        setLoadError(null);
      },
      (failure: unknown) => setLoadError(errorText(failure)),
    );

  useEffect(() => {
    void refresh();
  }, [api]);

  async function startSetup() {
    setBusy(true);
    setError(null);
    try {
      setStep({ kind: 'setup', setup: await api.post<Setup>('/api/me/2fa/setup') });
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  const onEnabled = (codes: string[]) => {
    setStep({ kind: 'codes', codes, why: 'enabled' });
    setStatus((s) => ({ enabled: true, recoveryCodesLeft: codes.length, requiredByTeam: s?.requiredByTeam ?? false }));
    onMeChange((current) => ({ ...current, user: { ...current.user, twoFactorEnabled: true, mustEnable2fa: false } }));
  };

  const description = 'A code from an app on your phone, asked after your password, keeps your account safe even if the password leaks.';

  if (loadError && !status) {
    return (
      <SectionCard title="Two-factor authentication" description={description}>
        <Notice tone="error">
          Could not load the two-factor settings: {loadError}{' '}
          <button type="button" className="font-semibold underline" onClick={() => void refresh()}>
            Try again
          </button>
        </Notice>
      </SectionCard>
    );
  }
  if (!status) {
    return (
      <SectionCard title="Two-factor authentication" description={description}>
        <div role="status" aria-label="Loading two-factor settings" className="h-10 w-64 animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800" />
      </SectionCard>
    );
  }

  if (step.kind === 'setup') {
    return <SetupCard setup={step.setup} email={me.user.email} onCancel={() => setStep({ kind: 'overview' })} onEnabled={onEnabled} />;
  }

  if (step.kind === 'codes') {
    return (
      <SectionCard
        title={step.why === 'enabled' ? 'Two-factor authentication is on' : 'New recovery codes'}
        description={
          step.why === 'enabled'
            ? 'Save these recovery codes now. If you lose your phone, each one signs you in once instead of a code from the app.'
            : 'Your old recovery codes no longer work. Save these instead; each one signs you in once.'
        }
      >
        <RecoveryCodes codes={step.codes} email={me.user.email} onDone={() => setStep({ kind: 'overview' })} />
      </SectionCard>
    );
  }

  const fewLeft = status.enabled && status.recoveryCodesLeft <= 3;
  return (
    <SectionCard
      title="Two-factor authentication"
      description={description}
      footer={
        status.enabled ? (
          <>
            <button type="button" className={buttonClass} onClick={() => setDialog('regenerate')}>
              Make new recovery codes
            </button>
            <button type="button" className={subtleDangerClass} onClick={() => setDialog('disable')} disabled={status.requiredByTeam}>
              Turn off
            </button>
          </>
        ) : (
          <button type="button" className={primaryButtonClass} onClick={startSetup} disabled={busy}>
            {busy ? 'Starting…' : 'Set up two-factor authentication'}
          </button>
        )
      }
    >
      <div className="flex flex-wrap items-center gap-3" data-testid="two-factor-status">
        <span
          className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-semibold ${
            status.enabled ? 'bg-emerald-50 text-emerald-700 ring-1 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300' : 'bg-slate-100 text-slate-600 ring-1 ring-slate-500/20 dark:bg-slate-800 dark:text-slate-300'
          }`}
        >
          <span aria-hidden="true" className={`size-1.5 rounded-full ${status.enabled ? 'bg-emerald-500' : 'bg-slate-400'}`} />
          {status.enabled ? 'On' : 'Off'}
        </span>
        {status.enabled && (
          <span className={`text-sm ${fewLeft ? 'font-medium text-amber-700 dark:text-amber-300' : 'text-slate-600 dark:text-slate-400'}`}>
            {status.recoveryCodesLeft} of 10 recovery codes left{fewLeft ? ': make new ones soon' : ''}
          </span>
        )}
      </div>
      {status.requiredByTeam && (
        <Notice tone={status.enabled ? 'info' : 'warning'} className="mt-4">
          {status.enabled ? 'A team you are in requires two-factor authentication, so it stays on.' : 'A team you are in requires two-factor authentication: set it up to see its sites.'}
        </Notice>
      )}
      {error && (
        <Notice tone="error" className="mt-4">
          {error}
        </Notice>
      )}

      {dialog === 'regenerate' && (
        <ConfirmDialog
          title="Make new recovery codes"
          confirmLabel="Make new codes"
          password
          onClose={() => setDialog(null)}
          onConfirm={async (password) => {
            const { recoveryCodes } = await api.post<{ recoveryCodes: string[] }>('/api/me/2fa/recovery-codes', { password });
            setStatus({ ...status, recoveryCodesLeft: recoveryCodes.length });
            setStep({ kind: 'codes', codes: recoveryCodes, why: 'regenerated' });
          }}
        >
          Your current recovery codes stop working, and you get 10 new ones.
        </ConfirmDialog>
      )}
      {dialog === 'disable' && (
        <ConfirmDialog
          title="Turn off two-factor authentication"
          confirmLabel="Turn off"
          danger
          password
          onClose={() => setDialog(null)}
          onConfirm={async (password) => {
            await api.post('/api/me/2fa/disable', { password });
            setStatus({ ...status, enabled: false, recoveryCodesLeft: 0 });
            onMeChange((current) => ({ ...current, user: { ...current.user, twoFactorEnabled: false } }));
          }}
        >
          Signing in will only need your password. Your recovery codes and remembered devices stop working.
        </ConfirmDialog>
      )}
    </SectionCard>
  );
}

function SetupCard({ setup, email, onCancel, onEnabled }: { setup: Setup; email: string; onCancel: () => void; onEnabled: (codes: string[]) => void }) {
  const { api } = useQusto();
  const codeId = useId();
  const hintId = useId();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (code.length !== 6) return setError('Enter the 6-digit code your app shows.');
    setBusy(true);
    setError(null);
    try {
      const { recoveryCodes } = await api.post<{ recoveryCodes: string[] }>('/api/me/2fa/enable', { code });
      onEnabled(recoveryCodes);
    } catch (failure) {
      setError(errorText(failure));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <SectionCard
        title="Set up two-factor authentication"
        description="You need an authenticator app on your phone, such as 1Password, Aegis, Google Authenticator or Microsoft Authenticator."
        footer={
          <>
            <button type="button" className={buttonClass} onClick={onCancel}>
              Cancel
            </button>
            <button type="submit" className={primaryButtonClass} disabled={busy}>
              {busy ? 'Checking…' : 'Turn on'}
            </button>
          </>
        }
      >
        <ol className="space-y-6">
          <li>
            <p className="text-sm font-medium text-slate-900 dark:text-white">
              <span className="mr-2 inline-flex size-5 items-center justify-center rounded-full bg-indigo-600 text-xs font-semibold text-white">1</span>
              Scan the QR code with the app
            </p>
            <div className="mt-3 flex flex-col gap-5 sm:flex-row sm:items-start">
              <div className="shrink-0 self-center rounded-xl border border-slate-200 bg-white p-2 sm:self-start dark:border-slate-700">
                {/* White behind the code in dark mode too: scanners need the contrast. */}
                <img src={setup.qrCode} alt={`QR code for Qusto (${email}) to scan with your authenticator app`} width={176} height={176} className="size-44" data-testid="totp-qr" />
              </div>
              <div className="min-w-0 text-sm text-slate-600 dark:text-slate-400">
                <p>Can’t scan it? Add an account by hand with this key (time-based):</p>
                <div className="mt-2 flex flex-wrap items-center gap-2">
                  <code data-testid="totp-secret" className="rounded-lg bg-slate-100 px-3 py-2 font-mono text-sm tracking-wider break-words text-slate-900 select-all dark:bg-slate-800 dark:text-slate-100">
                    {groupSecret(setup.secret)}
                  </code>
                  <CopyButton text={setup.secret} label="Copy key" />
                </div>
              </div>
            </div>
          </li>
          <li className="text-sm">
            <label htmlFor={codeId} className="font-medium text-slate-900 dark:text-white">
              <span className="mr-2 inline-flex size-5 items-center justify-center rounded-full bg-indigo-600 text-xs font-semibold text-white">2</span>
              Enter the 6-digit code the app shows
            </label>
            <input
              id={codeId}
              className={`${fieldClass} max-w-40 font-mono text-lg tracking-[0.3em]`}
              value={code}
              onChange={(event) => setCode(cleanCode(event.target.value))}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={7}
              placeholder="123456"
              aria-describedby={hintId}
              autoFocus
            />
            <p id={hintId} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
              The code changes every 30 seconds.
            </p>
          </li>
        </ol>
        {error && (
          <Notice tone="error" className="mt-4">
            {error}
          </Notice>
        )}
      </SectionCard>
    </form>
  );
}

/** The codes, shown once: copy, download as .txt, and a check that they are saved before leaving. */
export function RecoveryCodes({ codes, email, onDone }: { codes: string[]; email: string; onDone: () => void }) {
  const [saved, setSaved] = useState(false);
  const checkId = useId();
  const text = recoveryCodesText(codes, { email, origin: window.location.origin });
  return (
    <div>
      <ul aria-label="Recovery codes" data-testid="recovery-codes" className="grid max-w-md grid-cols-2 gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-slate-50 p-4 font-mono text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100">
        {codes.map((code) => (
          <li key={code}>{formatRecoveryCode(code)}</li>
        ))}
      </ul>
      <div className="mt-4 flex flex-wrap gap-2">
        <CopyButton text={text} label="Copy codes" />
        <DownloadButton fileName={recoveryCodesFileName(window.location.host)} text={text} label="Download .txt" />
      </div>
      <div className="mt-5 flex items-start gap-2 text-sm">
        <input id={checkId} type="checkbox" checked={saved} onChange={(event) => setSaved(event.target.checked)} className="mt-0.5 size-4 accent-indigo-600" />
        <label htmlFor={checkId} className="text-slate-700 dark:text-slate-300">
          I saved my recovery codes somewhere safe
        </label>
      </div>
      <button type="button" className={`${primaryButtonClass} mt-4`} disabled={!saved} onClick={onDone}>
        Done
      </button>
    </div>
  );
}
