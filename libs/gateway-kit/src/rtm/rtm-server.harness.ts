import { HttpAdapterHost } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TokenService } from '@switchboard/auth';
import { Infrastructure, Metrics, Settings } from '@switchboard/platform';
import { Authenticator } from '../authenticator';
import { AgentDirectory } from '../identity/agent-directory';
import { RateLimiter } from '../limits/rate-limiter';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { PushHub } from '../push/push-hub';
import { RtmApi } from './rtm-api';
import { RtmServer } from './rtm-server';

/** For specs: an RTM server on a plain HTTP server, without limits, a bus or an event feed. */
export function rtmServerFor(server: Server, tokens: TokenService, directory: AgentDirectory, pushHub: unknown, settings: Settings): RtmServer {
  const limiter = { address: () => '127.0.0.1', admitToken: () => undefined, admitFrame: () => undefined } as unknown as RateLimiter;
  const infrastructure = { subjectPrefix: 'evt', bus: { subscribe: () => ({ unsubscribe: () => undefined }), publish: () => undefined } };
  return new RtmServer(
    { httpAdapter: { getHttpServer: () => server } } as unknown as HttpAdapterHost,
    new Authenticator(tokens, directory),
    pushHub as PushHub,
    directory,
    limiter,
    new GatewayMetrics(new Metrics()),
    infrastructure as unknown as Infrastructure,
    settings,
  );
}

/** For specs: an HTTP server on a free port serving RTM for `api`, and an agent token of Jo's (org-1) it accepts. */
export async function openRtmServer(directory: AgentDirectory, pushHub: unknown, settings: Settings, api: RtmApi): Promise<{ server: Server; url: string; token: string }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const tokens = new TokenService(randomBytes(32));
  const rtm = rtmServerFor(server, tokens, directory, pushHub, settings);
  rtm.register(api);
  rtm.onApplicationBootstrap();
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    token: tokens.issue({ typ: 'agent', org: 'org-1', sub: 'jo@acme.example', gen: 0 }, 3600),
  };
}
