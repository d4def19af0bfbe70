/** Issues a single-use sign-in link for an agent (`POST /auth/sign_in_links`) and shows it to copy. */
import { useEffect, useState } from 'preact/hooks';
import { errorText, useAgent } from '../context';
import { CopyField } from './copy-field';

export function SignInLink({ agentId, name }: { agentId: string; name: string }) {
  const { client } = useAgent();
  const [link, setLink] = useState<{ url: string; hours: number }>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    client.account<{ path: string; expires_in: number }>('/auth/sign_in_links', { agent_id: agentId }).then(
      (issued) => setLink({ url: location.origin + issued.path, hours: Math.round(issued.expires_in / 3600) }),
      (error) => setProblem(errorText(error)),
    );
  }, [client, agentId]);
  return (
    <section class="card" aria-labelledby="sign-in-link-title">
      <h3 id="sign-in-link-title">Sign-in link for {name}</h3>
      {problem && (
        <p role="alert" class="error">
          {problem}
        </p>
      )}
      {!link && !problem && <p class="muted">Issuing…</p>}
      {link && (
        <>
          <CopyField id="sign-in-link-value" label="Sign-in link" value={link.url} />
          <p class="muted">
            Send it to {name}: it signs them in once, within {link.hours} hours. Issue a new one whenever needed.
          </p>
        </>
      )}
    </section>
  );
}
