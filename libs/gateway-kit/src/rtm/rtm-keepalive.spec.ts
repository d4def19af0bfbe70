import type { Server } from 'node:http';
import { Settings } from '@switchboard/platform';
import { RtmClient } from '@switchboard/testing';
import { ActionRegistry } from '../action-registry';
import { AgentDirectory } from '../identity/agent-directory';
import { PushHub } from '../push/push-hub';
import { openRtmServer } from './rtm-server.harness';

const IDLE_MS = 600;
const identity = { organizationId: 'org-1', agentId: 'jo@acme.example', role: 'normal', deleted: false, suspended: false, awaitingApproval: false, tokenGeneration: 0, version: 1 };
const directory = { get: () => identity, refresh: async () => identity, onChange: () => () => undefined } as unknown as AgentDirectory;
const pushHub = { attach: () => undefined, detach: () => undefined, onResync: () => undefined, stalled: false } as unknown as PushHub;

/** Browsers cannot send WebSocket pings; they answer the server's. */
describe('RTM keep-alive driven by the server', () => {
  let server: Server;
  let url: string;
  let token: string;

  beforeEach(async () => {
    const settings = { rtmLoginTimeoutMs: 30_000, rtmIdleTimeoutMs: IDLE_MS, limits: { enabled: false } } as unknown as Settings;
    const api = { api: 'agent' as const, registry: new ActionRegistry('agent'), login: async () => ({}), closed: async () => undefined };
    ({ server, url, token } = await openRtmServer(directory, pushHub, settings, api));
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
