/**
 * The customer's side of Switchboard as any third-party widget reaches it:
 * a token from `/customer/token` (its cookies re-identify the customer on the
 * next visit, ADR 0006/0031), renewed before it expires; one RTM connection
 * that logs in with it, reporting the page the customer is on; and the few
 * Web-only methods (configuration, uploads).
 */
import { postJson, request, RtmConnection, RtmFrame, rtmUrl, RtmState, uploadFile } from '@web/shared';
import { WidgetConfig } from './config';

interface IssuedToken {
  access_token: string;
  entity_id: string;
  expires_in: number;
}

/** Renewed this long before it expires, so no request ever carries an expired token. */
const RENEW_BEFORE_MS = 5 * 60_000;

/** Disconnection reasons after which reconnecting cannot help (customer-chat-api.md §8). */
const FINAL_REASONS = ['license_not_found', 'license_expired', 'misdirected_connection', 'unsupported_version', 'too_many_connections', 'customer_banned'];

export interface SessionHandlers {
  onReady: (login: Record<string, unknown>, reconnected: boolean) => void;
  onPush: (frame: RtmFrame) => void;
  onState: (state: RtmState, detail?: string) => void;
}

export class CustomerSession {
  private token: { value: string; expiresAt: number } | undefined;
  private issuing: Promise<string> | undefined;
  private readonly rtm: RtmConnection;

  constructor(
    private readonly config: WidgetConfig,
    handlers: SessionHandlers,
  ) {
    this.rtm = new RtmConnection({
      url: rtmUrl('customer', config.organizationId),
      login: async () => {
        const kept = this.sideStorage();
        return {
          token: `Bearer ${await this.accessToken()}`,
          ...(config.page && { customer_page: config.page }),
          ...(config.groupId > 0 && { group_id: config.groupId }),
          ...(kept && { customer_side_storage: kept }),
        };
      },
      onReady: handlers.onReady,
      onPush: (frame) => {
        if (frame.action === 'customer_side_storage_updated') this.keepSideStorage(frame.payload.customer_side_storage);
        handlers.onPush(frame);
      },
      onState: handlers.onState,
      isFinal: (reason) => FINAL_REASONS.includes(reason),
    });
  }

  /** A valid access token: the one held, or a new one for the same customer (the cookies say who). */
  accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - Date.now() > RENEW_BEFORE_MS) return Promise.resolve(this.token.value);
    this.issuing ??= postJson<IssuedToken>('/customer/token', { organization_id: this.config.organizationId })
      .then((issued) => {
        this.token = { value: issued.access_token, expiresAt: Date.now() + issued.expires_in * 1000 };
        return issued.access_token;
      })
      .finally(() => (this.issuing = undefined));
    return this.issuing;
  }

  /** An RTM request of the Customer Chat API. */
  request<T = Record<string, unknown>>(action: string, payload: Record<string, unknown> = {}): Promise<T> {
    return this.rtm.request<T>(action, payload);
  }

  /** One of the Web-only `GET` methods (`get_dynamic_configuration`, `get_configuration`). */
  async get<T>(action: string, params: Record<string, string | number>): Promise<T> {
    const query = new URLSearchParams({ organization_id: this.config.organizationId });
    for (const [key, value] of Object.entries(params)) query.set(key, String(value));
    return request<T>(`/v3.4/customer/action/${action}?${query}`, { method: 'GET', headers: { Authorization: `Bearer ${await this.accessToken()}` } });
  }

  /** Uploads a file (`upload_file`, multipart) and answers its URL for a `file` event. */
  async upload(file: File): Promise<string> {
    const token = await this.accessToken();
    return (await uploadFile('customer', file, file.name, { token, organizationId: this.config.organizationId })).url;
  }

  /**
   * `customer_side_storage`: what Switchboard asked the widget to keep and
   * send back at login (the visit it is on, ADR 0031). Per tab, like a visit;
   * a browser that refuses storage to frames merely starts visits more often.
   */
  private sideStorage(): Record<string, unknown> | undefined {
    try {
      const kept = sessionStorage.getItem(this.storageKey());
      return kept ? (JSON.parse(kept) as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }

  private keepSideStorage(value: unknown): void {
    try {
      sessionStorage.setItem(this.storageKey(), JSON.stringify(value ?? {}));
    } catch {
      // storage refused: see sideStorage
    }
  }

  private storageKey(): string {
    return `switchboard:side-storage:${this.config.organizationId}`;
  }
}

/** What to tell the customer when a request failed. */
export function describeError(error: unknown): string {
  // ApiCallError (Web) and RtmError (RTM) both carry the spec's error type.
  switch ((error as { type?: string }).type) {
    case 'entity_too_large':
      return 'That file is too large (10 MB at most).';
    case 'groups_offline':
    case 'group_offline':
      return 'Sorry, nobody can take chats right now. Please come back later.';
    case 'limit_reached':
      return 'Sorry, too many people are waiting right now. Please try again in a few minutes.';
    case 'customer_banned':
      return 'You cannot chat with us at the moment.';
    case 'network':
      return 'The connection was lost. Please try again in a moment.';
    default:
      return (error as Error).message || 'Something went wrong. Please try again.';
  }
}
