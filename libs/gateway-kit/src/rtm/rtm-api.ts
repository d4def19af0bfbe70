import { ActionRegistry } from '../action-registry';
import { Authenticated } from '../authenticator';
import { RtmConnection } from './rtm-connection';

/** What one chat API (agent or customer) plugs into the RTM server. */
export interface RtmApi {
  api: 'agent' | 'customer';
  registry: ActionRegistry;
  /** Runs the API's `login` for an authenticated connection; returns the response payload. */
  login(connection: RtmConnection, auth: Authenticated, payload: Record<string, unknown>): Promise<unknown>;
  /** The logged-in connection closed (client, timeout, shutdown). */
  closed(connection: RtmConnection): Promise<void>;
}
