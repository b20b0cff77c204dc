import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { readBuildEnv } from '../../lib/config/build-env';
import { sendRequest } from '../../lib/messaging/client';
import type { ScopeProfile } from '../../lib/xero/scopes';

/** Xero app settings: the Xero app this extension signs in with: client id, scopes, and the redirect URI to register. */
export function XeroAppSection() {
  const queryClient = useQueryClient();
  const view = useQuery({
    queryKey: ['settings', 'xeroApp'],
    queryFn: () => sendRequest('settings.getXeroApp', {}),
  });
  const [clientId, setClientId] = useState('');
  const [scopeProfile, setScopeProfile] = useState<ScopeProfile>('granular');
  // Fill the form once from what is stored; later refetches must not overwrite what is being typed.
  const filled = useRef(false);
  useEffect(() => {
    if (!view.data || filled.current) return;
    filled.current = true;
    setClientId(view.data.settings.xeroClientId ?? '');
    setScopeProfile(view.data.settings.scopeProfile);
  }, [view.data]);
  const save = useMutation({
    mutationFn: () =>
      sendRequest('settings.saveXeroApp', { xeroClientId: clientId.trim() || null, scopeProfile }),
    onSuccess: (value) => queryClient.setQueryData(['settings', 'xeroApp'], value),
  });
  const buildDefault = readBuildEnv().defaultClientId;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <section aria-labelledby="xero-app-heading" className="panel">
      <h2 id="xero-app-heading">Xero app</h2>
      <p className="muted">
        Register a Xero app of type “Auth code with PKCE” at developer.xero.com with this redirect URI:
      </p>
      <code data-testid="redirect-uri">{browser.identity.getRedirectURL()}</code>
      {view.error && (
        <p className="error" role="alert">
          The settings could not be read: {view.error.message}
        </p>
      )}
      {view.data?.unreadable && (
        <div className="error" role="alert" data-testid="xero-app-unreadable">
          <p>
            The saved Xero app settings cannot be read ({view.data.unreadable.reason}). They are kept as they
            are, and Connect to Xero is refused, until you save this form.
          </p>
          <details>
            <summary>What is saved</summary>
            <pre>{view.data.unreadable.stored}</pre>
          </details>
        </div>
      )}
      <form onSubmit={onSubmit}>
        <label htmlFor="client-id">Client id</label>
        <input
          id="client-id"
          type="text"
          value={clientId}
          placeholder={buildDefault ?? 'Your Xero app’s client id'}
          onChange={(e) => {
            setClientId(e.target.value);
            save.reset();
          }}
        />
        <fieldset style={{ border: 0, padding: 0, marginTop: 12 }}>
          <legend>Permissions to ask for</legend>
          <label>
            <input
              type="radio"
              name="scopes"
              checked={scopeProfile === 'granular'}
              onChange={() => {
                setScopeProfile('granular');
                save.reset();
              }}
            />{' '}
            Granular scopes (Xero apps created from 2 March 2026)
          </label>
          <label>
            <input
              type="radio"
              name="scopes"
              checked={scopeProfile === 'broad'}
              onChange={() => {
                setScopeProfile('broad');
                save.reset();
              }}
            />{' '}
            Broad scopes (older Xero apps)
          </label>
        </fieldset>
        <div className="row" style={{ marginTop: 12 }}>
          {/* Saving before the stored settings are known would overwrite them with defaults. */}
          <button type="submit" className="primary" disabled={save.isPending || !view.data}>
            Save
          </button>
          {save.isSuccess && <span className="ok">Saved. Reconnect to Xero for a change to apply.</span>}
          {save.error && (
            <span className="error" role="alert">
              {save.error.message}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
