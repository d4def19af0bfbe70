import { HttpAdapterHost } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TokenService } from '@switchboard/auth';
import { Settings } from '@switchboard/platform';
import { RtmClient, waitFor } from '@switchboard/testing';
import { ActionRegistry } from '../action-registry';
import { Authenticator } from '../authenticator';
import { PushHub } from '../push/push-hub';
import { RtmApi } from './rtm-api';
import { RtmConnection } from './rtm-connection';
import { RtmServer } from './rtm-server';

/** An agent API whose `login` finishes only when the test says so. */
class SlowLoginApi implements RtmApi {
  readonly api = 'agent' as const;
  readonly registry = new ActionRegistry('agent');
  readonly logins: Array<() => void> = [];
  readonly closedConnections: RtmConnection[] = [];

  login(): Promise<unknown> {
    return new Promise((resolve) => this.logins.push(() => resolve({ my_profile: { id: 'jo@acme.example' } })));
  }

  async closed(connection: RtmConnection): Promise<void> {
    this.closedConnections.push(connection);
  }
}

describe('RTM server under concurrent and malformed input', () => {
  let server: Server;
  let url: string;
  let api: SlowLoginApi;
  let pushHub: { attach: jest.Mock; detach: jest.Mock };
  let token: string;

  beforeEach(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const tokens = new TokenService(randomBytes(32));
    token = tokens.issue({ typ: 'agent', org: 'org-1', sub: 'jo@acme.example', rol: 'normal' }, 3600);
    pushHub = { attach: jest.fn(async () => undefined), detach: jest.fn() };
    const rtm = new RtmServer(
      { httpAdapter: { getHttpServer: () => server } } as unknown as HttpAdapterHost,
      new Authenticator(tokens),
      pushHub as unknown as PushHub,
      { rtmLoginTimeoutMs: 30_000, rtmIdleTimeoutMs: 30_000 } as Settings,
    );
    api = new SlowLoginApi();
    rtm.register(api);
    rtm.onApplicationBootstrap();
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
    await waitFor(() => api.closedConnections.length === 1);
    expect(api.closedConnections[0].session).toMatchObject({ organizationId: 'org-1', requester: { id: 'jo@acme.example' } });
    expect(pushHub.attach).not.toHaveBeenCalled();
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
