/**
 * The signed-in app: one RTM connection for its lifetime (it reconnects by
 * itself), the header, the connection banner and the current screen.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RtmState } from '@web/shared';
import { AgentClient } from './client';
import { Agent, AgentContext } from './context';
import { useChats } from './chats/use-chats';
import { ChatsState, unreadCount } from './chats/state';
import type { License, MyProfile, RoutingStatus } from './chats/types';
import type { Session } from './session';
import { Header, Screen } from './components/header';
import { ConnectionBanner } from './components/connection-banner';
import { ChatsScreen } from './screens/chats-screen';
import { ArchiveScreen } from './screens/archive-screen';
import { AgentsScreen } from './screens/agents-screen';
import { SettingsScreen } from './screens/settings-screen';
import { usePageVisible } from './use-page-visible';

interface Props {
  session: Session;
  onSignOut: () => void;
  onSignedOut: () => void;
}

export interface Connection {
  state: RtmState | 'ended';
  detail?: string;
}

export function Workspace({ session, onSignOut, onSignedOut }: Props) {
  const token = useRef(session.access_token);
  token.current = session.access_token;
  const [client, setClient] = useState<AgentClient>();
  const [connection, setConnection] = useState<Connection>({ state: 'connecting' });
  const [profile, setProfile] = useState<{ me: MyProfile; license: License; generation: number }>();

  useEffect(() => {
    const created = new AgentClient({
      token: () => token.current,
      onReady: (login) =>
        setProfile((known) => ({ me: login.my_profile as MyProfile, license: login.license as License, generation: (known?.generation ?? 0) + 1 })),
      onState: (state, detail) => setConnection({ state, detail }),
      onSignedOut,
    });
    const unsubscribe = created.subscribe((frame) => {
      const payload = frame.payload as { agent_id?: string; status?: RoutingStatus };
      if (frame.action === 'routing_status_set')
        setProfile((known) => (known && payload.agent_id === known.me.id ? { ...known, me: { ...known.me, routing_status: payload.status! } } : known));
    });
    setClient(created);
    return () => {
      unsubscribe();
      created.close();
    };
    // One connection for the signed-in agent; a renewed token is read through `token`.
  }, []);

  const signOut = () => {
    client?.close();
    onSignOut();
  };

  if (!client || !profile)
    return (
      <main class="centered">
        <ConnectionBanner connection={connection} everOnline={false} />
      </main>
    );
  return <SignedIn agent={{ client, ...profile }} connection={connection} onSignOut={signOut} />;
}

function SignedIn({ agent, connection, onSignOut }: { agent: Agent; connection: Connection; onSignOut: () => void }) {
  const [screen, setScreen] = useState<Screen>('chats');
  // Kept here, not in the chats screen, so the unread counts and the open chat live on while another screen is shown.
  const chats = useChats(agent.client, agent.me.id, agent.generation);
  const [openId, setOpenId] = useState<string>();
  const visible = usePageVisible();
  // The chat in front of the agent is being read: no badge for it while its `mark_events_as_seen` is on the way.
  const reading = screen === 'chats' && visible ? openId : undefined;
  return (
    <AgentContext.Provider value={agent}>
      <div class="workspace">
        <Header screen={screen} onScreen={setScreen} onSignOut={onSignOut} unread={totalUnread(chats.chats, agent.me.id, reading)} />
        <ConnectionBanner connection={connection} everOnline />
        <main class="screen" id="main">
          {screen === 'chats' && <ChatsScreen store={chats} openId={openId} onOpen={setOpenId} reading={reading} />}
          {screen === 'archive' && <ArchiveScreen />}
          {screen === 'agents' && <AgentsScreen />}
          {screen === 'settings' && <SettingsScreen />}
        </main>
      </div>
    </AgentContext.Provider>
  );
}

function totalUnread(chats: ChatsState, me: string, reading: string | undefined): number {
  return Object.values(chats).reduce((sum, entry) => sum + (entry.active && entry.id !== reading ? unreadCount(entry, me) : 0), 0);
}
