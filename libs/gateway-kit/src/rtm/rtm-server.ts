import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import {
  ApiError,
  assertStorableString,
  LIMITS,
  parseApiVersion,
  parseRtmRequest,
  RtmFrameError,
  RtmRequest,
  toErrorObject,
  validatePayload,
  WireVersion,
  wireVersion,
} from '@switchboard/protocol';
import type { IncomingMessage, Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { Infrastructure, INFRASTRUCTURE, Settings, SETTINGS_TOKEN } from '@switchboard/platform';
import { Authenticator } from '../authenticator';
import { AgentDirectory, IdentityChange } from '../identity/agent-directory';
import { ConnectionCaps } from '../limits/connection-caps';
import { RateLimiter } from '../limits/rate-limiter';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { outcomeOf, RequestMeter } from '../metrics/request-meter';
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
  private readonly meters = new Map<string, RequestMeter>();
  private readonly connections = new Set<RtmConnection>();
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  private readonly timeouts: RtmTimeouts;
  private readonly caps: ConnectionCaps;
  /** Where a gateway asks the others to close connections it evicted (one agent, too many connections). */
  private readonly evictSubject: string;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly authenticator: Authenticator,
    private readonly pushHub: PushHub,
    private readonly directory: AgentDirectory,
    private readonly limiter: RateLimiter,
    private readonly metrics: GatewayMetrics,
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    @Inject(SETTINGS_TOKEN) settings: Settings,
  ) {
    this.timeouts = { loginMs: settings.rtmLoginTimeoutMs, idleMs: settings.rtmIdleTimeoutMs };
    this.caps = new ConnectionCaps(settings.limits);
    this.evictSubject = `${infrastructure.subjectPrefix}-control.rtm-evict`;
  }

  register(api: RtmApi): void {
    this.apis.set(api.api, api);
    this.meters.set(api.api, this.metrics.requestMeter(api.api, 'rtm'));
  }

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(request, socket, head));
    this.directory.onChange((change) => this.accessChanged(change));
    this.pushHub.onResync(() => this.disconnectAll('internal_error', 'service_temporarily_unavailable'));
    this.infrastructure.bus.subscribe(this.evictSubject, (message) => this.evictHere((message as { connection_ids?: unknown }).connection_ids));
  }

  /**
   * Closes connections (wherever they are: here or on another replica) with
   * `connection_evicted`: an agent over its connection limit loses its oldest.
   */
  evict(connectionIds: string[]): void {
    if (connectionIds.length === 0) return;
    this.evictHere(connectionIds);
    try {
      this.infrastructure.bus.publish(this.evictSubject, { connection_ids: connectionIds });
    } catch (error) {
      this.logger.warn(`could not ask other replicas to evict connections: ${(error as Error).message}`);
    }
  }

  private evictHere(connectionIds: unknown): void {
    if (!Array.isArray(connectionIds)) return;
    for (const connection of this.connections) {
      if (connectionIds.includes(connection.id)) connection.disconnect('connection_evicted');
    }
  }

  /**
   * An agent lost access on some replica: its connections here that no longer
   * pass authentication — all of them when it was deleted, suspended or
   * demoted — are told why and closed.
   */
  private accessChanged(change: IdentityChange): void {
    for (const connection of this.connections) {
      const session = connection.session;
      if (connection.api !== 'agent' || !session) continue;
      if (session.requester.id !== change.agentId || session.organizationId !== change.organizationId) continue;
      if (change.reason === 'role_changed' || !this.stillAuthorized(connection)) {
        // The connection that logged out closes itself once its response is out.
        if (change.reason === 'logged_out' && connection.id === change.connectionId) continue;
        connection.disconnect(change.reason === 'logged_out' ? 'agent_logged_out_remotely' : 'access_token_revoked');
      }
    }
  }

  private stillAuthorized(connection: RtmConnection): boolean {
    try {
      this.authenticator.recheck(connection.session!.auth);
      return true;
    } catch {
      return false;
    }
  }

  /** Every connection must resync: told to reconnect (agents and customers have different words for it). */
  private disconnectAll(agentReason: string, customerReason: string): void {
    for (const connection of this.connections) {
      if (connection.session) connection.disconnect(connection.api === 'agent' ? agentReason : customerReason, 1011);
    }
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
    let version: WireVersion;
    try {
      version = wireVersion(api.api, parseApiVersion(match[1]));
    } catch (error) {
      return this.reject(socket, 400, { error: { type: 'unsupported_version', message: (error as Error).message } });
    }
    const organizationId = url.searchParams.get('organization_id') || undefined;
    if (api.api === 'customer' && !organizationId) {
      return this.reject(socket, 400, { error: { type: 'validation', message: 'organization_id query parameter is required' } });
    }
    try {
      if (organizationId) assertStorableString('organization_id', organizationId, LIMITS.idLength);
    } catch (error) {
      return this.reject(socket, 400, { error: toErrorObject(error) });
    }
    const address = this.limiter.address(request);
    const handshake = { userAgent: request.headers['user-agent'], referrer: request.headers.referer };
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, api, organizationId, address, version, handshake));
  }

  private accept(
    ws: WebSocket,
    api: RtmApi,
    organizationId: string | undefined,
    address: string,
    version: WireVersion,
    handshake: RtmConnection['handshake'],
  ): void {
    const connection = new RtmConnection(api.api, ws, this.timeouts, (c, reason) =>
      reason === 'login' ? c.close(4001, 'login timeout') : c.disconnect('connection_timeout'),
    );
    connection.version = version;
    const refusal = this.caps.open(address);
    if (refusal) {
      // Told why in the spec's words; `too_many_unauthorized_connections` means "try again later".
      connection.disconnect(refusal, refusal === 'too_many_connections' ? 1008 : 1013);
      this.metrics.connectionRefused(refusal);
      return;
    }
    connection.address = address;
    connection.handshake = handshake;
    this.connections.add(connection);
    this.metrics.connectionOpened(api.api);
    ws.on('ping', () => connection.touch());
    ws.on('pong', () => connection.touch());
    ws.on('message', (data, isBinary) => {
      if (isBinary) return connection.fail({}, new ApiError('validation', 'Frames must be JSON text'));
      void this.onFrame(connection, api, organizationId, data.toString());
    });
    ws.on('close', () => void this.forget(connection));
    ws.on('error', () => connection.close());
  }

  private async forget(connection: RtmConnection): Promise<void> {
    if (!this.connections.delete(connection)) return;
    this.metrics.connectionClosed(connection.api, connection.closeReason ?? 'client_closed');
    this.caps.closed(connection.address, connection.counted === 'authenticated');
    connection.stopTimers();
    if (!connection.session) return;
    this.pushHub.detach(connection);
    await this.apis.get(connection.api)!.closed(connection).catch((error: Error) => this.logger.warn(`closing a session: ${error.message}`));
  }

  private async onFrame(connection: RtmConnection, api: RtmApi, organizationId: string | undefined, text: string): Promise<void> {
    const started = performance.now();
    const meter = this.meters.get(api.api)!;
    let request: RtmRequest;
    try {
      request = parseRtmRequest(text);
    } catch (error) {
      meter.record('unknown', outcomeOf(error), (performance.now() - started) / 1000);
      return connection.fail(error instanceof RtmFrameError ? error.request : {}, error);
    }
    connection.touch();
    if (request.action === 'ping') return connection.respond(request, {});
    // Every frame but a ping costs from the connection's budget, even one refused for too many pending.
    try {
      this.limiter.admitFrame(connection.id);
    } catch (error) {
      meter.record(request.action, outcomeOf(error), (performance.now() - started) / 1000);
      return connection.fail(request, error);
    }
    if (connection.pending >= MAX_PENDING_REQUESTS) {
      meter.record(request.action, 'pending_requests_limit_reached', (performance.now() - started) / 1000);
      return connection.fail(request, new ApiError('pending_requests_limit_reached'));
    }
    let outcome = 'ok';
    connection.pending++;
    try {
      if (request.version) parseApiVersion(request.version);
      const result =
        request.action === 'login'
          ? await withRequestTimeout(this.login(connection, api, organizationId, request), api.registry.requestTimeoutMs)
          : await this.request(connection, api, request);
      connection.respond(request, result ?? {});
      if (request.action === 'login') {
        connection.loggedIn();
        this.caps.authenticated(connection.address);
        connection.counted = 'authenticated';
      }
      // `logout` ends the session: its response is the last frame.
      if (request.action === 'logout') connection.close(1000, 'logged out');
    } catch (error) {
      outcome = outcomeOf(error);
      logUnexpected(`${api.api} rtm ${request.action}`, error, { connection_id: connection.id, request_id: request.request_id });
      connection.fail(request, error);
    } finally {
      connection.pending--;
    }
    meter.record(request.action, outcome, (performance.now() - started) / 1000);
    if (request.action === 'login') this.metrics.login(api.api, outcome === 'ok');
  }

  private async login(connection: RtmConnection, api: RtmApi, organizationId: string | undefined, request: RtmRequest): Promise<unknown> {
    if (connection.loggingIn) throw new ApiError('validation', 'A login is already in progress');
    if (connection.session) throw new ApiError('validation', 'Already logged in');
    // Without the event stream a new session would miss its pushes: better to log in elsewhere or later.
    if (this.pushHub.stalled) throw new ApiError('service_unavailable', 'Pushes are unavailable at the moment; try again shortly');
    connection.loggingIn = true;
    try {
      const payload = validatePayload(api.api, 'login', request.payload) as Record<string, unknown>;
      const token = String(payload.token ?? '');
      const auth = await this.authenticator.authenticate(api.api, /^(Bearer|Basic) /.test(token) ? token : `Bearer ${token}`, organizationId);
      this.limiter.admitToken(auth.claims);
      // Pushes flow (held back) before the initial state is read: nothing falls in between.
      connection.holdPushes({ organizationId: auth.organizationId, requester: auth.requester, auth });
      this.pushHub.attach(connection);
      let response: unknown;
      try {
        response = await api.login(connection, auth, payload);
      } catch (error) {
        this.pushHub.detach(connection);
        await api.closed(connection).catch(() => undefined);
        connection.loginFailed();
        throw error;
      }
      // Closed while logging in: `forget` may have ended the session before `login` opened it; end it again.
      if (!this.connections.has(connection)) {
        connection.stopTimers();
        this.pushHub.detach(connection);
        await api.closed(connection);
      }
      return response;
    } finally {
      connection.loggingIn = false;
    }
  }

  private async request(connection: RtmConnection, api: RtmApi, request: RtmRequest): Promise<unknown> {
    const session = connection.session;
    if (!session) throw new ApiError('authentication', 'Log in first');
    if (session.auth.claims.exp * 1000 <= Date.now()) {
      setImmediate(() => connection.disconnect('access_token_expired'));
      throw new ApiError('authentication', 'Access token expired');
    }
    let requester;
    try {
      requester = this.authenticator.recheck(session.auth);
    } catch (error) {
      // Revoked, deleted or suspended meanwhile: this request fails and the session ends.
      setImmediate(() => connection.disconnect('access_token_revoked'));
      throw error;
    }
    requester = await this.authenticator.author(api.api, { organizationId: session.organizationId, requester }, request.author_id);
    return api.registry.dispatch(
      {
        api: api.api,
        organizationId: session.organizationId,
        requester,
        transport: 'rtm',
        version: connection.version,
        connectionId: connection.id,
        requestId: request.request_id,
      },
      request.action,
      request.payload,
    );
  }
}
