/** The top bar: where the agent is, the routing status switch, the screens and signing out. */
import { useState } from 'preact/hooks';
import { canManageAgents, errorText, useAgent } from '../context';

export type Screen = 'chats' | 'archive' | 'agents' | 'settings';

interface Props {
  screen: Screen;
  onScreen: (screen: Screen) => void;
  onSignOut: () => void;
  unread: number;
}

export function Header({ screen, onScreen, onSignOut, unread }: Props) {
  const { me, license } = useAgent();
  const screens: Array<[Screen, string]> = [
    ['chats', 'Chats'],
    ['archive', 'Archive'],
    ...(canManageAgents(me) ? ([['agents', 'Agents']] as Array<[Screen, string]>) : []),
    ['settings', 'Settings'],
  ];
  return (
    <header class="top-bar">
      <div class="brand">
        <strong>Switchboard</strong>
        <span class="muted">{license.name}</span>
      </div>
      <RoutingSwitch />
      <nav aria-label="Screens" class="screens">
        {screens.map(([id, label]) => (
          <button key={id} type="button" class="tab" aria-current={screen === id ? 'page' : undefined} onClick={() => onScreen(id)}>
            {label}
            {id === 'chats' && unread > 0 && (
              <span class="badge">
                {unread}
                <span class="visually-hidden"> unread</span>
              </span>
            )}
          </button>
        ))}
      </nav>
      <div class="me">
        <span title={me.id}>{me.name}</span>
        <button type="button" class="secondary" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}

/** "Accepting chats" on or off: `set_routing_status`; the `routing_status_set` push moves the switch. */
function RoutingSwitch() {
  const { client, me } = useAgent();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const accepting = me.routing_status === 'accepting_chats';
  const toggle = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      await client.request('set_routing_status', { status: accepting ? 'not_accepting_chats' : 'accepting_chats' });
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="routing">
      <label class={`switch ${accepting ? 'on' : ''}`}>
        <input type="checkbox" role="switch" checked={accepting} disabled={busy} onChange={() => void toggle()} />
        <span>Accepting chats</span>
        <span class="switch-state" aria-hidden="true">
          {accepting ? 'On' : 'Off'}
        </span>
      </label>
      {problem && (
        <span role="alert" class="error">
          {problem}
        </span>
      )}
    </div>
  );
}
