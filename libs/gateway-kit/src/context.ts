import { Role } from '@switchboard/configuration/domain';
import { ApiName } from '@switchboard/protocol';

/** The authenticated caller of one request, on either transport. */
export interface Requester {
  id: string;
  type: 'agent' | 'customer';
  /** Agents: their role now (from the agent directory, never from the token). */
  role?: Role;
  scopes: string[];
}

export interface RequestContext {
  api: ApiName;
  organizationId: string;
  requester: Requester;
  transport: 'web' | 'rtm';
  /** RTM only: the connection and the frame's request_id. */
  connectionId?: string;
  requestId?: string;
  /** Web API: the request's correlation id, kept in the metadata of the events it causes. */
  correlationId?: string;
}

/** One LiveChat method, serving Web and RTM alike. `payload` has passed the method's schema. */
export type ActionHandler<P = any> = (context: RequestContext, payload: P) => Promise<unknown>; // eslint-disable-line @typescript-eslint/no-explicit-any
