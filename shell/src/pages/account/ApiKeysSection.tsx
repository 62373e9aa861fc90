/** API keys: the list, a new key (shown once) with its team and scopes, revoking with confirmation. */
import { useQusto } from '@qusto/sdk/ui';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { buttonClass, primaryButtonClass } from '../../dashboard/components/ui.tsx';
import { errorText, fieldClass, Notice, TextField } from '../auth/parts.tsx';
import { API_KEY_SCOPES, defaultScopes, scopeAllowed, scopeLabel, timeAgo, type ApiKeyScope, type Me } from './model.ts';
import { ConfirmDialog, CopyButton, SectionCard, subtleDangerClass } from './parts.tsx';

interface ApiKey {
  id: string;
  teamId: string;
  name: string;
  prefix: string;
  scopes: string[];
  lastUsedAt: string | null;
  createdAt: string;
}

type Load = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; keys: ApiKey[] };

export function ApiKeysSection({ me }: { me: Me }) {
  const { api } = useQusto();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [created, setCreated] = useState<{ key: string; apiKey: ApiKey } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const refresh = useCallback(
    () =>
      api.get<{ apiKeys: ApiKey[] }>('/api/me/api-keys').then(
        ({ apiKeys }) => setLoad({ kind: 'ready', keys: apiKeys }),
        (failure: unknown) => setLoad({ kind: 'error', message: errorText(failure) }),
      ),
    [api],
  );

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const teamName = (teamId: string) => me.teams.find((team) => team.id === teamId)?.name ?? `Team ${teamId}`;
  const manyTeams = me.teams.length > 1;

  return (
    <>
      {created ? (
        <NewKey created={created} teamName={manyTeams ? teamName(created.apiKey.teamId) : null} onDone={() => setCreated(null)} />
      ) : (
        <CreateKey
          me={me}
          onCreated={(answer) => {
            setCreated(answer);
            setLoad((load) => (load.kind === 'ready' ? { kind: 'ready', keys: [...load.keys, answer.apiKey] } : load));
          }}
        />
      )}

      <SectionCard title="Your API keys" description="A key acts for you in one team, limited to its scopes and to what your role there allows.">
        {load.kind === 'loading' && <div role="status" aria-label="Loading API keys" className="h-12 animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800" />}
        {load.kind === 'error' && (
          <Notice tone="error">
            The API keys could not be loaded: {load.message}{' '}
            <button type="button" className="font-semibold underline" onClick={() => void refresh()}>
              Try again
            </button>
          </Notice>
        )}
        {load.kind === 'ready' && load.keys.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No API keys yet.</p>}
        {load.kind === 'ready' && load.keys.length > 0 && (
          <ul className="-my-3 divide-y divide-slate-100 dark:divide-slate-800" data-testid="api-keys-list">
            {load.keys.map((key) => (
              <li key={key.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 py-3" data-testid="api-key">
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                    <span className="font-medium break-all text-slate-900 dark:text-white">{key.name}</span>
                    <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">{key.prefix}…</code>
                  </p>
                  <p className="mt-1 flex flex-wrap items-center gap-1.5">
                    {key.scopes.map((scope) => (
                      <span key={scope} title={scope} className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-700 dark:bg-indigo-500/10 dark:text-indigo-300">
                        {scopeLabel(scope)}
                      </span>
                    ))}
                  </p>
                  <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                    {manyTeams && <>{teamName(key.teamId)} · </>}
                    Created <time dateTime={key.createdAt}>{timeAgo(key.createdAt)}</time> · {key.lastUsedAt ? <>Last used <time dateTime={key.lastUsedAt}>{timeAgo(key.lastUsedAt)}</time></> : 'Never used'}
                  </p>
                </div>
                <button type="button" className={subtleDangerClass} onClick={() => setRevoking(key)} aria-label={`Revoke ${key.name}`}>
                  Revoke
                </button>
              </li>
            ))}
          </ul>
        )}
      </SectionCard>

      {revoking && (
        <ConfirmDialog
          title="Revoke API key"
          confirmLabel="Revoke key"
          danger
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            await api.delete(`/api/me/api-keys/${encodeURIComponent(revoking.id)}`);
            setLoad((load) => (load.kind === 'ready' ? { kind: 'ready', keys: load.keys.filter((k) => k.id !== revoking.id) } : load));
            if (created?.apiKey.id === revoking.id) setCreated(null);
          }}
        >
          <p>
            <strong className="font-semibold break-all text-slate-900 dark:text-white">{revoking.name}</strong> (<code className="font-mono">{revoking.prefix}…</code>) stops working at once. Scripts that use it will be refused.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

function CreateKey({ me, onCreated }: { me: Me; onCreated: (answer: { key: string; apiKey: ApiKey }) => void }) {
  const { api } = useQusto();
  const teamId = useId();
  const [name, setName] = useState('');
  const [team, setTeam] = useState(me.teams[0]?.id ?? '');
  const role = me.teams.find((t) => t.id === team)?.role;
  const [scopes, setScopes] = useState<ApiKeyScope[]>(() => defaultScopes(role));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function chooseTeam(id: string) {
    setTeam(id);
    const nextRole = me.teams.find((t) => t.id === id)?.role;
    setScopes((current) => {
      const kept = current.filter((scope) => scopeAllowed(scope, nextRole));
      return kept.length > 0 ? kept : defaultScopes(nextRole);
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setError('Give the key a name, such as the script or service that will use it.');
    if (scopes.length === 0) return setError('Choose at least one scope.');
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<{ key: string; apiKey: ApiKey }>('/api/me/api-keys', { name: name.trim(), teamId: team || undefined, scopes });
      setName('');
      onCreated(answer);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  if (me.user.mustEnable2fa || me.teams.length === 0) {
    return (
      <SectionCard title="New API key">
        <Notice tone="warning">
          {me.user.mustEnable2fa ? 'A team you are in requires two-factor authentication: turn it on under Security before you make API keys.' : 'You are in no team, so there is nothing a key could reach.'}
        </Notice>
      </SectionCard>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <SectionCard
        title="New API key"
        description="For scripts and integrations: the Stats API, the Sites API and event import."
        footer={
          <button type="submit" className={primaryButtonClass} disabled={busy}>
            {busy ? 'Creating…' : 'Create key'}
          </button>
        }
      >
        <div className="grid max-w-2xl gap-4 sm:grid-cols-2">
          <TextField label="Key name" value={name} onChange={setName} maxLength={100} placeholder="Weekly report script" autoComplete="off" />
          {me.teams.length > 1 && (
            <div>
              <label htmlFor={teamId} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
                Team
              </label>
              <select id={teamId} className={fieldClass} value={team} onChange={(event) => chooseTeam(event.target.value)}>
                {me.teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name} ({t.role})
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
        <fieldset className="mt-5">
          <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Scopes</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {API_KEY_SCOPES.map((option) => {
              const allowed = scopeAllowed(option.scope, role);
              return (
                <label
                  key={option.scope}
                  className={`flex items-start gap-3 rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-700 ${allowed ? 'cursor-pointer hover:border-slate-300 dark:hover:border-slate-600' : 'cursor-not-allowed opacity-60'}`}
                >
                  <input
                    type="checkbox"
                    className="mt-0.5 size-4 accent-indigo-600"
                    checked={scopes.includes(option.scope)}
                    disabled={!allowed}
                    onChange={(event) => setScopes((current) => (event.target.checked ? [...current, option.scope] : current.filter((s) => s !== option.scope)))}
                  />
                  <span className="min-w-0">
                    <span className="block font-medium text-slate-900 dark:text-white">
                      {option.label} <code className="ml-1 font-mono text-xs font-normal text-slate-500 dark:text-slate-400">{option.scope}</code>
                    </span>
                    <span className="block text-xs text-slate-500 dark:text-slate-400">{allowed ? option.description : `${option.description} Needs the owner or admin role.`}</span>
                  </span>
                </label>
              );
            })}
          </div>
        </fieldset>
        {error && (
          <Notice tone="error" className="mt-4">
            {error}
          </Notice>
        )}
      </SectionCard>
    </form>
  );
}

function NewKey({ created, teamName, onDone }: { created: { key: string; apiKey: ApiKey }; teamName: string | null; onDone: () => void }) {
  const example = `curl -H "Authorization: Bearer ${created.key}" ${window.location.origin}/api/v1/sites`;
  return (
    <SectionCard title="Your new API key" description={`“${created.apiKey.name}”${teamName ? ` in ${teamName}` : ''}.`}>
      <Notice tone="warning">Copy the key now: it is shown only this once. If you lose it, revoke it and make a new one.</Notice>
      <div className="mt-4 flex flex-wrap items-center gap-2">
        <code data-testid="new-api-key" className="min-w-0 flex-1 rounded-lg bg-slate-100 px-3 py-2 font-mono text-sm break-all text-slate-900 select-all dark:bg-slate-800 dark:text-slate-100">
          {created.key}
        </code>
        <CopyButton text={created.key} label="Copy key" />
      </div>
      <p className="mt-4 text-xs text-slate-500 dark:text-slate-400">Send it as a Bearer token, for example:</p>
      <pre className="mt-1 overflow-x-auto rounded-lg bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100 dark:bg-slate-950">{example}</pre>
      <button type="button" className={`${buttonClass} mt-4`} onClick={onDone}>
        Done
      </button>
    </SectionCard>
  );
}
