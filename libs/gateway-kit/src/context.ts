import { Role } from '@switchboard/configuration/domain';
import { ApiName, WireVersion } from '@switchboard/protocol';
import type { Upload } from './files/multipart-upload';

/** The authenticated caller of one request, on either transport. */
export interface Requester {
  id: string;
  type: 'agent' | 'customer';
  /** Agents: their role now (from the agent directory, never from the token). */
  role?: Role;
  scopes: string[];
  /**
   * Agents with a Bearer token: the client id of the application the token was
   * issued for (ADR 0022). Absent with a personal access token.
   */
  clientId?: string;
  /** Agents: how they authenticated — a Bearer access token, or `Basic` with a personal access token. */
  credential?: 'bearer' | 'pat';
}

export interface RequestContext {
  api: ApiName;
  organizationId: string;
  requester: Requester;
  transport: 'web' | 'rtm';
  /** The wire version asked for (`/v3.5/…`, the RTM connection's); absent = v3.4 (ADR 0034). */
  version?: WireVersion;
  /** RTM only: the connection and the frame's request_id. */
  connectionId?: string;
  requestId?: string;
  /** Web API: the request's correlation id, kept in the metadata of the events it causes. */
  correlationId?: string;
  /** Web API: `scheme://host` the client addressed (links in e-mails when PUBLIC_URL is not set; ADR 0033). */
  origin?: string;
  /** Web API `upload_file` only: the file of the multipart body (ADR 0026). */
  upload?: Upload;
}

/** One LiveChat method, serving Web and RTM alike. `payload` has passed the method's schema. */
export type ActionHandler<P = any> = (context: RequestContext, payload: P) => Promise<unknown>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A request to a method served without a token (`no auth` in the catalogue): nobody is authenticated. */
export interface PublicRequestContext {
  api: ApiName;
  /** Customer Chat API: the organization named in the query string. */
  organizationId?: string;
  correlationId?: string;
}

/** A `no auth` method's handler. `payload` has passed the method's schema. */
export type PublicActionHandler<P = any> = (payload: P, context: PublicRequestContext) => Promise<unknown>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Where a command came from, kept with the events it causes: its own push then carries the RTM request_id. */
export interface RequestOrigin {
  connectionId?: string;
  requestId?: string;
  correlationId?: string;
  /** Who asked (the bot an agent acts as, included). */
  requesterId: string;
  /** The application the requester acts for (Bearer tokens); absent with a personal access token and for customers. */
  clientId?: string;
}

/** The origin of the commands a request causes: webhooks tell who caused them (`source_type`) from it (ADR 0043). */
export function commandOrigin(context: RequestContext): RequestOrigin {
  return {
    connectionId: context.connectionId,
    requestId: context.requestId,
    correlationId: context.correlationId,
    requesterId: context.requester.id,
    ...(context.requester.clientId && { clientId: context.requester.clientId }),
  };
}
