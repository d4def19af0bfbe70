import WebSocket from 'ws';
import { createAgent, createOrganization, sleep } from './bench-client';
import { Deployment } from './deployment';
import { rssMb } from './proc-stats';

export interface IdleConnectionsResult {
  connections: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  /** RSS growth of the agent gateway, scaled to 10,000 connections. */
  rssMbPer10k: number;
  errors: number;
}

const CONNECTIONS = 10_000;
/** Few agents, many connections each: an agent's first login sets its status, which every agent connection hears. */
const AGENTS = 10;
const LOGIN_CONCURRENCY = 200;
const SETTLE_MS = 3000;
const LOGIN_TIMEOUT_MS = 30_000;

/** One RTM connection, logged in; raw `ws` keeps the benchmark's own side cheap. */
function login(url: string, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    const timer = setTimeout(() => fail(new Error('login timed out')), LOGIN_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.terminate();
      reject(error);
    };
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(data.toString());
      if (frame.request_id !== 'login') return;
      socket.off('message', onMessage);
      clearTimeout(timer);
      if (frame.success) resolve(socket);
      else fail(new Error(String(frame.payload?.error?.type)));
    };
    socket.on('message', onMessage);
    socket.once('error', fail);
    socket.once('open', () => socket.send(JSON.stringify({ request_id: 'login', action: 'login', payload: { token: `Bearer ${token}` } })));
  });
}

async function closeAll(sockets: WebSocket[]): Promise<void> {
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (socket.readyState === WebSocket.CLOSED) return resolve();
          const timer = setTimeout(() => socket.terminate(), 10_000);
          socket.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          socket.close();
        }),
    ),
  );
}

/**
 * 10,000 logged-in, idle agent RTM connections to one agent-gateway process
 * (`AGENTS` agents, `LOGIN_CONCURRENCY` logins at a time): the growth of its
 * RSS (VmRSS) between before and after, each after a settle.
 */
export async function benchIdleConnections(deployment: Deployment): Promise<IdleConnectionsResult> {
  const gateways = deployment.apps.filter((app) => app.name.startsWith('agent-gateway#'));
  if (gateways.length !== 1) throw new Error('the idle connections benchmark wants exactly one agent gateway');
  const pid = gateways[0].process.pid!;
  const { owner } = await createOrganization(deployment.urls, deployment.adminToken, 'Idle');
  const tokens: string[] = [];
  for (let i = 0; i < AGENTS; i++) tokens.push(await createAgent(deployment.urls, owner, `idle${i}@idle.example`, 1));
  await sleep(SETTLE_MS);
  const rssBeforeMb = rssMb(pid);

  const url = `${gateways[0].url.replace(/^http/, 'ws')}/v3.4/agent/rtm/ws`;
  const sockets: WebSocket[] = [];
  let errors = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: LOGIN_CONCURRENCY }, async () => {
      for (let i = next++; i < CONNECTIONS; i = next++) {
        try {
          sockets.push(await login(url, tokens[i % AGENTS]));
        } catch {
          errors++;
        }
      }
    }),
  );
  await sleep(SETTLE_MS);
  const rssAfterMb = rssMb(pid);
  const connections = sockets.filter((socket) => socket.readyState === WebSocket.OPEN).length;
  errors += sockets.length - connections;
  await closeAll(sockets);
  return { connections, rssBeforeMb, rssAfterMb, rssMbPer10k: connections ? ((rssAfterMb - rssBeforeMb) * 10_000) / connections : 0, errors };
}
