import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { request, storedAgentSession } from '@web/shared';
import '@web/shared/base.css';
import './site.css';
import { EmbedSnippet } from './home/embed-snippet';
import { SetupDone, SetupForm } from './home/setup-form';

type State = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'setup' } | { kind: 'ready' } | { kind: 'created'; done: SetupDone; name: string };

/** The organization of the Agent App session this browser holds, if any (same origin: the app's localStorage). */
const signedInOrganization = (): string | undefined => storedAgentSession()?.organization_id;

function Links({ organizationId }: { organizationId?: string }) {
  return (
    <nav aria-label="Switchboard" class="links">
      <a class="tile" href="/agent/">
        <strong>Agent App</strong>
        <span>Answer chats, manage your team</span>
      </a>
      <a class="tile" href={organizationId ? `/demo/?organization_id=${encodeURIComponent(organizationId)}` : '/demo/'}>
        <strong>Widget demo</strong>
        <span>Chat as a customer would</span>
      </a>
      <a class="tile" href="/docs/">
        <strong>API docs</strong>
        <span>Every method, tokens, examples</span>
      </a>
    </nav>
  );
}

function Home() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    request<{ setup_needed: boolean }>('/setup', { method: 'GET' }).then(
      (answer) => setState({ kind: answer.setup_needed ? 'setup' : 'ready' }),
      (error: Error) => setState({ kind: 'failed', message: error.message }),
    );
  }, []);

  let content;
  if (state.kind === 'loading') content = <p aria-busy="true">Loading…</p>;
  else if (state.kind === 'failed') content = <p class="error" role="alert">{state.message}</p>;
  else if (state.kind === 'setup') content = <SetupForm onDone={(done, name) => setState({ kind: 'created', done, name })} />;
  else if (state.kind === 'created') {
    const { done } = state;
    content = (
      <>
        <section class="card" aria-labelledby="ready-title">
          <h2 id="ready-title" tabIndex={-1} ref={(el) => el?.focus()}>
            {state.name} is ready
          </h2>
          <p>You are its owner. Open the Agent App to go online, invite your team and answer chats.</p>
          <p>
            <a class="button" href={done.sign_in.path}>
              Open the Agent App
            </a>
          </p>
          <p class="muted">This sign-in link works once, for 24 hours. Later, an owner issues new ones in the Agent App.</p>
        </section>
        <EmbedSnippet organizationId={done.organization_id} />
        <Links organizationId={done.organization_id} />
      </>
    );
  } else {
    const organizationId = signedInOrganization();
    content = (
      <>
        <p>
          Switchboard is running.{' '}
          {organizationId ? 'Your organization:' : 'Agents sign in with the link their owner or administrator gives them.'}
        </p>
        <Links organizationId={organizationId} />
        {organizationId && <EmbedSnippet organizationId={organizationId} />}
      </>
    );
  }
  return (
    <main>
      <header>
        <h1>Switchboard</h1>
        <p class="muted">Self-hosted chat, speaking the LiveChat Messaging API v3.4.</p>
      </header>
      {content}
    </main>
  );
}

render(<Home />, document.getElementById('app')!);
