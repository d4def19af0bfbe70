import type { Server } from 'node:http';
import { Settings } from '@switchboard/platform';
import { RtmClient, waitFor } from '@switchboard/testing';
import { ActionRegistry } from '../action-registry';
import { AgentDirectory, AgentIdentity } from '../identity/agent-directory';
import { RtmApi } from './rtm-api';
import { RtmConnection } from './rtm-connection';
import { openRtmServer } from './rtm-server.harness';

/** An agent API whose `login` finishes only when the test says so; it records what happens, in order. */
class SlowLoginApi implements RtmApi {
  readonly api = 'agent' as const;
  readonly registry = new ActionRegistry('agent');
  readonly logins: Array<() => void> = [];
  readonly closedConnections: RtmConnection[] = [];
  readonly happened: string[] = [];

  login(): Promise<unknown> {
    this.happened.push('login started');
    return new Promise((resolve) =>
      this.logins.push(() => {
        this.happened.push('login finished');
        resolve({ my_profile: { id: 'jo@acme.example' } });
      }),
    );
  }

  async closed(connection: RtmConnection): Promise<void> {
    this.happened.push('session ended');
    this.closedConnections.push(connection);
  }
}

const JO: AgentIdentity = {
  organizationId: 'org-1',
  agentId: 'jo@acme.example',
  role: 'normal',
  deleted: false,
  suspended: false,
  awaitingApproval: false,
  tokenGeneration: 0,
  version: 1,
};

/** The directory knows Jo; nothing changes during a test. */
const directory = { get: () => JO, refresh: async () => JO, onChange: () => () => undefined } as unknown as AgentDirectory;
const settings = {
  rtmLoginTimeoutMs: 30_000,
  rtmIdleTimeoutMs: 30_000,
  limits: { enabled: false, rtmMaxConnectionsPerProcess: 10, rtmMaxConnectionsPerAddress: 10 },
} as unknown as Settings;

describe('RTM server under concurrent and malformed input', () => {
  let server: Server;
  let url: string;
  let api: SlowLoginApi;
  let pushHub: { attach: jest.Mock; detach: jest.Mock; onResync: jest.Mock; stalled: boolean };
  let token: string;

  beforeEach(async () => {
    pushHub = { attach: jest.fn(), detach: jest.fn(), onResync: jest.fn(), stalled: false };
    api = new SlowLoginApi();
    ({ server, url, token } = await openRtmServer(directory, pushHub, settings, api));
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('a second login while the first is in flight is validation, and the first still succeeds', async () => {
    const client = await RtmClient.connect(url, 'agent');
    const first = client.request('login', { token: `Bearer ${token}` });
    const second = await client.request('login', { token: `Bearer ${token}` });
    expect(second).toMatchObject({ success: false, payload: { error: { type: 'validation', message: 'A login is already in progress' } } });
    expect(api.logins).toHaveLength(1);
    api.logins[0]();
    expect(await first).toMatchObject({ success: true, payload: { my_profile: { id: 'jo@acme.example' } } });
    const third = await client.request('login', { token: `Bearer ${token}` });
    expect(third.payload.error).toEqual({ type: 'validation', message: 'Already logged in' });
    client.close();
  });

  it('a connection closed while its login is in flight has its session ended, not left behind', async () => {
    const client = await RtmClient.connect(url, 'agent');
    client.socket.send(JSON.stringify({ request_id: 'l1', action: 'login', payload: { token: `Bearer ${token}` } }));
    await waitFor(() => api.logins.length === 1);
    client.close();
    await client.closed;
    api.logins[0]();
    await waitFor(() => api.happened.at(-1) === 'session ended' && api.happened.includes('login finished'));
    // Whatever the login opened was ended after it finished, and the push hub no longer holds the connection.
    expect(api.happened.lastIndexOf('session ended')).toBeGreaterThan(api.happened.indexOf('login finished'));
    expect(api.closedConnections.at(-1)!.session).toMatchObject({ organizationId: 'org-1', requester: { id: 'jo@acme.example' } });
    expect(pushHub.detach.mock.calls.length).toBeGreaterThanOrEqual(pushHub.attach.mock.calls.length);
  });

  it('answers binary and malformed frames with validation and keeps the connection', async () => {
    const client = await RtmClient.connect(url, 'agent');
    const next = () => new Promise<unknown>((resolve) => client.socket.once('message', (data) => resolve(JSON.parse(data.toString()))));
    for (const frame of [Buffer.from([0, 1, 2, 255]), 'not json', '[]', '{"action":{"a":1}}']) {
      const answer = next();
      client.socket.send(frame);
      expect(await answer).toMatchObject({ type: 'response', success: false, payload: { error: { type: 'validation' } } });
    }
    expect(await client.request('ping')).toMatchObject({ success: true });
    client.close();
  });
});
