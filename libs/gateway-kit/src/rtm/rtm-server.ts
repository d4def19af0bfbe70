import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiError, parseApiVersion, parseRtmRequest, RtmFrameError, RtmRequest, validatePayload } from '@switchboard/protocol';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { Settings, SETTINGS_TOKEN } from '@switchboard/platform';
import { Authenticator } from '../authenticator';
import { logUnexpected } from '../web/web-api';
import { withRequestTimeout } from '../request-timeout';
import { PushHub } from '../push/push-hub';
import { RtmApi } from './rtm-api';
import { MAX_PENDING_REQUESTS, RtmConnection, RtmTimeouts } from './rtm-connection';

const RTM_PATH = /^\/v(\d+\.\d+)\/(agent|customer)\/rtm\/ws$/;

/**
 * The RTM API: `GET /v3.N/{agent|customer}/rtm/ws` upgraded to WebSocket,
 * LiveChat frames, `login` first, pings, at most 10 pending requests, and a
 * `*_disconnected` push before the server closes a connection.
 */
@Injectable()
export class RtmServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('rtm');
  private readonly apis = new Map<string, RtmApi>();
  private readonly connections = new Set<RtmConnection>();
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  private readonly timeouts: RtmTimeouts;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly authenticator: Authenticator,
    private readonly pushHub: PushHub,
    @Inject(SETTINGS_TOKEN) settings: Settings,
  ) {
    this.timeouts = { loginMs: settings.rtmLoginTimeoutMs, idleMs: settings.rtmIdleTimeoutMs };
  }

  register(api: RtmApi): void {
    this.apis.set(api.api, api);
  }

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(request, socket, head));
  }

  /** Shutdown: tell every client to reconnect elsewhere, then close. */
  async beforeApplicationShutdown(): Promise<void> {
    for (const connection of this.connections) {
      connection.disconnect(connection.api === 'agent' ? 'internal_error' : 'service_temporarily_unavailable', 1012);
    }
    await Promise.all([...this.connections].map((c) => this.forget(c)));
    this.wss.close();
  }

  private reject(socket: Duplex, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    socket.end(
      `HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Bad Request'}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const match = RTM_PATH.exec(url.pathname);
    const api = match && this.apis.get(match[2]);
    if (!match || !api) return this.reject(socket, 404, { error: { type: 'not_found', message: 'Not found' } });
    try {
      parseApiVersion(match[1]);
    } catch (error) {
      return this.reject(socket, 400, { error: { type: 'unsupported_version', message: (error as Error).message } });
    }
    const organizationId = url.searchParams.get('organization_id') ?? undefined;
    if (api.api === 'customer' && !organizationId) {
      return this.reject(socket, 400, { error: { type: 'validation', message: 'organization_id query parameter is required' } });
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, api, organizationId));
  }

  private accept(ws: WebSocket, api: RtmApi, organizationId: string | undefined): void {
    const connection = new RtmConnection(api.api, ws, this.timeouts, (c, reason) =>
      reason === 'login' ? c.close(4001, 'login timeout') : c.disconnect('connection_timeout'),
    );
    this.connections.add(connection);
    ws.on('ping', () => connection.touch());
    ws.on('message', (data, isBinary) => {
      if (isBinary) return connection.fail({}, new ApiError('validation', 'Frames must be JSON text'));
      void this.onFrame(connection, api, organizationId, data.toString());
    });
    ws.on('close', () => void this.forget(connection));
    ws.on('error', () => connection.close());
  }

  private async forget(connection: RtmConnection): Promise<void> {
    if (!this.connections.delete(connection)) return;
    connection.stopTimers();
    if (!connection.session) return;
    this.pushHub.detach(connection);
    await this.apis.get(connection.api)!.closed(connection).catch((error: Error) => this.logger.warn(`closing a session: ${error.message}`));
  }

  private async onFrame(connection: RtmConnection, api: RtmApi, organizationId: string | undefined, text: string): Promise<void> {
    let request: RtmRequest;
    try {
      request = parseRtmRequest(text);
    } catch (error) {
      return connection.fail(error instanceof RtmFrameError ? error.request : {}, error);
    }
    connection.touch();
    if (request.action === 'ping') return connection.respond(request, {});
    if (connection.pending >= MAX_PENDING_REQUESTS) return connection.fail(request, new ApiError('pending_requests_limit_reached'));
    connection.pending++;
    try {
      if (request.version) parseApiVersion(request.version);
      const result =
        request.action === 'login'
          ? await withRequestTimeout(this.login(connection, api, organizationId, request), api.registry.requestTimeoutMs)
          : await this.request(connection, api, request);
      connection.respond(request, result ?? {});
    } catch (error) {
      logUnexpected(`${api.api} rtm ${request.action}`, error);
      connection.fail(request, error);
    } finally {
      connection.pending--;
    }
  }

  private async login(connection: RtmConnection, api: RtmApi, organizationId: string | undefined, request: RtmRequest): Promise<unknown> {
    if (connection.session) throw new ApiError('validation', 'Already logged in');
    const payload = validatePayload(api.api, 'login', request.payload) as Record<string, unknown>;
    const token = String(payload.token ?? '');
    const auth = this.authenticator.authenticate(api.api, token.startsWith('Bearer ') ? token : `Bearer ${token}`, organizationId);
    const response = await api.login(connection, auth, payload);
    connection.loggedIn({ organizationId: auth.organizationId, requester: auth.requester });
    await this.pushHub.attach(connection);
    return response;
  }

  private async request(connection: RtmConnection, api: RtmApi, request: RtmRequest): Promise<unknown> {
    const session = connection.session;
    if (!session) throw new ApiError('authentication', 'Log in first');
    return api.registry.dispatch(
      {
        api: api.api,
        organizationId: session.organizationId,
        requester: session.requester,
        transport: 'rtm',
        connectionId: connection.id,
        requestId: request.request_id,
      },
      request.action,
      request.payload,
    );
  }
}
