/**
 * The app's one line to Switchboard: the Agent Chat API over RTM (pushes and
 * most calls), the Web API for `upload_file`, and the Configuration API —
 * all with the signed-in agent's current token, exactly as any third-party
 * client would call them.
 */
import { callAction, postJson, RtmConnection, RtmError, RtmFrame, RtmState, rtmUrl, uploadFile } from '@web/shared';

/** `agent_disconnected` reasons after which reconnecting is pointless (spec agent-chat-api.md §10). */
const FINAL_REASONS = new Set([
  'agent_disconnected_by_server',
  'agent_logged_out_remotely',
  'access_token_revoked',
  'connection_evicted',
  'license_expired',
  'license_not_found',
  'misdirected_connection',
  'unsupported_version',
  'too_many_connections',
]);

/** Reasons meaning this sign-in is over: the agent needs a new link. */
const SIGNED_OUT_REASONS = new Set(['access_token_revoked', 'agent_logged_out_remotely']);

export interface ClientHandlers {
  /** The current access token (renewed behind the app's back). */
  token: () => string;
  onReady: (login: Record<string, unknown>, reconnected: boolean) => void;
  onState: (state: RtmState | 'ended', detail?: string) => void;
  /** The token no longer works (revoked, expired, the agent signed out everywhere). */
  onSignedOut: () => void;
}

export type PushListener = (frame: RtmFrame) => void;

export class AgentClient {
  private readonly listeners = new Set<PushListener>();
  private readonly rtm: RtmConnection;
  private loggedInOnce = false;

  constructor(private readonly handlers: ClientHandlers) {
    this.rtm = new RtmConnection({
      url: rtmUrl('agent'),
      // After a dropped connection, `reconnect` keeps the routing status the agent had.
      login: () => ({ token: `Bearer ${handlers.token()}`, reconnect: this.loggedInOnce, application: { name: 'Switchboard Agent App' } }),
      onReady: (login, reconnected) => {
        this.loggedInOnce = true;
        handlers.onReady(login, reconnected);
      },
      onState: (state, detail) => handlers.onState(state, detail),
      isFinal: (reason) => FINAL_REASONS.has(reason),
      onLoginError: (error) => {
        if (error instanceof RtmError && error.type === 'authentication') this.signedOut();
      },
      onPush: (frame) => this.push(frame),
    });
  }

  /** Listens to every push; returns the way to stop. */
  subscribe(listener: PushListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** An Agent Chat API request over RTM. */
  request<T = Record<string, unknown>>(action: string, payload: Record<string, unknown> = {}): Promise<T> {
    return this.rtm.request<T>(action, payload);
  }

  /** A Configuration API call (Web). */
  configuration<T>(action: string, payload: Record<string, unknown> = {}): Promise<T> {
    return callAction<T>('configuration', action, payload, { token: this.handlers.token() });
  }

  /** One of Switchboard's account endpoints (`/auth/…`), with the agent's token. */
  account<T>(path: string, body: Record<string, unknown>): Promise<T> {
    return postJson<T>(path, body, { token: this.handlers.token() });
  }

  /** `upload_file` (Web only): the file's URL, to send in a `file` event. */
  async upload(file: File): Promise<string> {
    return (await uploadFile('agent', file, file.name, { token: this.handlers.token() })).url;
  }

  close(): void {
    this.rtm.close();
  }

  private push(frame: RtmFrame): void {
    if (frame.action === 'agent_disconnected') {
      const reason = String(frame.payload.reason);
      if (SIGNED_OUT_REASONS.has(reason)) return this.signedOut();
      if (FINAL_REASONS.has(reason)) this.handlers.onState('ended', reason);
    }
    for (const listener of this.listeners) listener(frame);
  }

  private signedOut(): void {
    this.rtm.close();
    this.handlers.onSignedOut();
  }
}
