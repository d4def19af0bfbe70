import { CustomerCommand, CustomerEvent, CustomerRuleError, decideCustomer, foldCustomer } from '@switchboard/customer/domain';
import { EventStore, executeOptimistically, StreamDecider } from '@switchboard/event-store';
import { ApiError } from '@switchboard/protocol';

/** Who and what caused a change: carried in the events' metadata, so pushes and webhooks can tell. */
export interface CustomerCommandOrigin {
  /** The agent or customer who asked; absent for the server's own changes. */
  requesterId?: string;
  /** The RTM connection and request behind it, so its own push carries the request_id. */
  connectionId?: string;
  requestId?: string;
  /** The application the requester acts for (ADR 0043). */
  clientId?: string;
}

const CUSTOMERS: StreamDecider<ReturnType<typeof foldCustomer>, CustomerCommand, CustomerEvent> = { fold: foldCustomer, decide: decideCustomer };

const customerError = (error: unknown): unknown => (error instanceof CustomerRuleError ? new ApiError(error.type, error.message) : error);

export const customerStreamId = (customerId: string): string => `customer-${customerId}`;

/** Runs customer commands on `customer-<id>` streams (optimistic, retried on a concurrent write). */
export class CustomerCommands {
  constructor(private readonly store: EventStore) {}

  async execute(organizationId: string, command: CustomerCommand, origin: CustomerCommandOrigin = {}): Promise<CustomerEvent[]> {
    const streamId = customerStreamId(command.id);
    const metadata = {
      command: command.type,
      ...(origin.requesterId && { requester_id: origin.requesterId }),
      ...(origin.connectionId && { connection_id: origin.connectionId }),
      ...(origin.requestId && { request_id: origin.requestId }),
      ...(origin.clientId && { client_id: origin.clientId }),
    };
    return executeOptimistically(this.store, CUSTOMERS, command, { organizationId, streamId, metadata, mapError: customerError });
  }
}
