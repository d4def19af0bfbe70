import { HttpAdapterHost } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TokenService } from '@switchboard/auth';
import { Infrastructure, Metrics, Settings } from '@switchboard/platform';
import { RtmClient } from '@switchboard/testing';
import { ActionRegistry } from '../action-registry';
import { Authenticator } from '../authenticator';
import { AgentDirectory } from '../identity/agent-directory';
import { RateLimiter } from '../limits/rate-limiter';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { PushHub } from '../push/push-hub';
import { RtmServer } from './rtm-server';

const IDLE_MS = 600;
const identity = { organizationId: 'org-1', agentId: 'jo@acme.example', role: 'normal', deleted: false, suspended: false, awaitingApproval: false, tokenGeneration: 0, version: 1 };
const directory = { get: () => identity, refresh: async () => identity, onChange: () => () => undefined } as unknown as AgentDirectory;
const limiter = { address: () => '127.0.0.1', admitToken: () => undefined, admitFrame: () => undefined } as unknown as RateLimiter;
const infrastructure = { subjectPrefix: 'evt', bus: { subscribe: () => ({ unsubscribe: () => undefined }), publish: () => undefined } } as unknown as Infrastructure;
const pushHub = { attach: () => undefined, detach: () => undefined, onResync: () => undefined, stalled: false } as unknown as PushHub;

/** Browsers cannot send WebSocket pings; they answer the server's. */
describe('RTM keep-alive driven by the server', () => {
  let server: Server;
  let url: string;
  let token: string;

  beforeEach(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const tokens = new TokenService(randomBytes(32));
    token = tokens.issue({ typ: 'agent', org: 'org-1', sub: 'jo@acme.example', gen: 0 }, 3600);
    const settings = { rtmLoginTimeoutMs: 30_000, rtmIdleTimeoutMs: IDLE_MS, limits: { enabled: false } } as unknown as Settings;
    const rtm = new RtmServer(
      { httpAdapter: { getHttpServer: () => server } } as unknown as HttpAdapterHost,
      new Authenticator(tokens, directory),
      pushHub,
      directory,
      limiter,
      new GatewayMetrics(new Metrics()),
      infrastructure,
      settings,
    );
    rtm.register({ api: 'agent', registry: new ActionRegistry('agent'), login: async () => ({}), closed: async () => undefined });
    rtm.onApplicationBootstrap();
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('a logged-in client that only answers the server pings (an idle browser) outlives the idle timeout many times over', async () => {
    const browser = await RtmClient.connect(url, 'agent', undefined, { autoPong: true });
    let pings = 0;
    browser.socket.on('ping', () => pings++);
    expect((await browser.request('login', { token: `Bearer ${token}` })).success).toBe(true);
    const closed = browser.closed.then(() => 'closed');
    const survived = new Promise((resolve) => setTimeout(() => resolve('open'), IDLE_MS * 6));
    expect(await Promise.race([closed, survived])).toBe('open');
    expect(pings).toBeGreaterThanOrEqual(6);
    browser.close();
  });

  it('a client that answers no ping is still disconnected with connection_timeout', async () => {
    const silent = await RtmClient.connect(url, 'agent', undefined, { autoPong: false });
    expect((await silent.request('login', { token: `Bearer ${token}` })).success).toBe(true);
    const disconnected = await silent.nextPush('agent_disconnected', () => true, IDLE_MS * 10);
    expect(disconnected.payload).toEqual({ reason: 'connection_timeout' });
  });
});
