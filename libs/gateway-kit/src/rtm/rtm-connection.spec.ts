import type { WebSocket } from 'ws';
import { Authenticated } from '../authenticator';
import { RtmConnection } from './rtm-connection';

/** A socket that records the frames sent to it. */
function fakeSocket() {
  const frames: Array<{ action: string; type: string }> = [];
  const socket = { OPEN: 1, CONNECTING: 0, readyState: 1, bufferedAmount: 0, send: (text: string) => frames.push(JSON.parse(text)), close: () => undefined };
  return { socket: socket as unknown as WebSocket, frames };
}

const session = (pushes?: ReadonlySet<string>) => ({
  organizationId: 'org',
  requester: { id: 'jo@acme.example', type: 'agent' as const, scopes: [] },
  auth: {} as Authenticated,
  pushes,
});

describe('an RTM connection with login.pushes', () => {
  const connections: RtmConnection[] = [];
  const connect = () => {
    const { socket, frames } = fakeSocket();
    const connection = new RtmConnection('agent', socket, { loginMs: 60_000, idleMs: 60_000 }, () => undefined);
    connections.push(connection);
    return { connection, frames };
  };
  afterEach(() => connections.splice(0).forEach((c) => c.stopTimers()));

  it('sends only the pushes asked for, those held during login included', () => {
    const { connection, frames } = connect();
    connection.holdPushes(session());
    connection.push('incoming_event', {});
    connection.push('routing_status_set', {});
    // What login decided arrives before the held pushes are flushed.
    connection.session!.pushes = new Set(['routing_status_set']);
    connection.loggedIn();
    connection.push('incoming_chat', {});
    connection.push('routing_status_set', {});
    expect(frames.map((f) => f.action)).toEqual(['routing_status_set', 'routing_status_set']);
  });

  it('sends every push without a list, and always says why it disconnects', () => {
    const all = connect();
    all.connection.holdPushes(session());
    all.connection.loggedIn();
    all.connection.push('incoming_chat', {});
    expect(all.frames.map((f) => f.action)).toEqual(['incoming_chat']);

    const none = connect();
    none.connection.holdPushes(session(new Set()));
    none.connection.loggedIn();
    none.connection.push('incoming_chat', {});
    none.connection.disconnect('agent_logged_out_remotely');
    expect(none.frames.map((f) => f.action)).toEqual(['agent_disconnected']);
  });
});
