/** The signed-out screen: why, and a place to paste a sign-in link opened elsewhere. */
import { useState } from 'preact/hooks';
import type { SignedOutReason } from '../session';

const MESSAGES: Record<SignedOutReason, string> = {
  none: 'Open the sign-in link your owner or administrator gave you.',
  'link-invalid': 'This sign-in link is not valid any more; ask your owner for a new one.',
  expired: 'Your sign-in has ended; ask your owner for a new sign-in link.',
  'signed-out': 'You are signed out. To sign in again, ask your owner for a new sign-in link.',
};

interface Props {
  reason: SignedOutReason;
  problem?: string;
  onCode: (code: string) => void;
}

export function SignedOut({ reason, problem, onCode }: Props) {
  const [link, setLink] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = (event: Event) => {
    event.preventDefault();
    const code = /#sign-in=([^&\s]+)/.exec(link)?.[1];
    setInvalid(!code);
    if (code) onCode(decodeURIComponent(code));
  };
  return (
    <main class="signed-out">
      <h1>Switchboard</h1>
      <p role={reason === 'none' ? undefined : 'alert'} class={reason === 'none' ? '' : 'notice'}>
        {MESSAGES[reason]}
      </p>
      {problem && (
        <p role="alert" class="error">
          Signing in failed: {problem}
        </p>
      )}
      <form onSubmit={submit}>
        <label for="sign-in-link">Sign-in link</label>
        <input id="sign-in-link" type="url" value={link} onInput={(event) => setLink(event.currentTarget.value)} placeholder="https://…/agent/#sign-in=…" />
        {invalid && <p class="error">That is not a sign-in link: it has no “#sign-in=” part.</p>}
        <button type="submit">Sign in</button>
      </form>
      <p class="muted">
        Setting up Switchboard for the first time? Start at the <a href="/">home page</a>.
      </p>
    </main>
  );
}
