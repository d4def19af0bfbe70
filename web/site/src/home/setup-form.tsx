import { useState } from 'preact/hooks';
import { ApiCallError, postJson } from '@web/shared';

export interface SetupDone {
  organization_id: string;
  sign_in: { code: string; path: string; expires_in: number };
}

/** The first-run form: the organization and its owner (POST /setup, ADR 0046). */
export function SetupForm({ onDone }: { onDone: (done: SetupDone, organizationName: string) => void }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const body = {
      organization_name: String(form.get('organization_name') ?? '').trim(),
      owner_name: String(form.get('owner_name') ?? '').trim(),
      owner_email: String(form.get('owner_email') ?? '').trim(),
    };
    setBusy(true);
    setError('');
    try {
      onDone(await postJson<SetupDone>('/setup', body), body.organization_name);
    } catch (failure) {
      setError(failure instanceof ApiCallError ? failure.message : String(failure));
      setBusy(false);
    }
  };

  return (
    <form class="card" onSubmit={submit} aria-labelledby="setup-title">
      <h2 id="setup-title">Set up your organization</h2>
      <p class="muted">This Switchboard is new. Create your organization and its owner — you.</p>
      <label for="organization_name">Organization name</label>
      <input id="organization_name" name="organization_name" required maxLength={180} autoComplete="organization" />
      <label for="owner_name">Your name</label>
      <input id="owner_name" name="owner_name" required maxLength={180} autoComplete="name" />
      <label for="owner_email">Your e-mail</label>
      <input id="owner_email" name="owner_email" type="email" required maxLength={254} autoComplete="email" />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p>
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create organization'}
        </button>
      </p>
    </form>
  );
}
