/** Says, politely and out loud, when the app is not connected to Switchboard. */
import type { Connection } from '../workspace';

const ENDED: Record<string, string> = {
  connection_evicted: 'This window was disconnected because the agent opened too many others. Reload to connect again.',
  too_many_connections: 'Too many windows are open for this agent. Close one and reload.',
  agent_disconnected_by_server: 'Switchboard ended this connection. Reload to connect again.',
};

export function ConnectionBanner({ connection, everOnline }: { connection: Connection; everOnline: boolean }) {
  const text =
    connection.state === 'ended'
      ? (ENDED[connection.detail ?? ''] ?? `Disconnected (${connection.detail}). Reload to connect again.`)
      : connection.state === 'online'
        ? ''
        : everOnline
          ? 'Reconnecting…'
          : 'Connecting…';
  return (
    <div role="status" aria-live="polite" class={text ? 'banner' : 'banner empty'}>
      {text}
    </div>
  );
}
