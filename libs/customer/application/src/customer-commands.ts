import { CustomerCommand, CustomerEvent, CustomerRuleError, decideCustomer, foldCustomer } from '@switchboard/customer/domain';
import { EventStore, VersionConflictError } from '@switchboard/event-store';
import { ApiError } from '@switchboard/protocol';

/** Who and what caused a change: carried in the events' metadata, so pushes and webhooks can tell. */
export interface CustomerCommandOrigin {
  /** The agent or customer who asked; absent for the server's own changes. */
  requesterId?: string;
  /** The RTM connection and request behind it, so its own push carries the request_id. */
  connectionId?: string;
  requestId?: string;
}

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
    };
    for (let attempt = 1; ; attempt++) {
      const { version, events } = await this.store.readStream(streamId, { organizationId });
      let decided: CustomerEvent[];
      try {
        decided = decideCustomer(foldCustomer(events.map((e) => ({ type: e.type, data: e.data }) as CustomerEvent)), command);
      } catch (error) {
        if (error instanceof CustomerRuleError) throw new ApiError(error.type, error.message);
        throw error;
      }
      if (decided.length === 0) return decided;
      try {
        await this.store.append(
          streamId,
          decided.map((e) => ({ type: e.type, data: e.data, metadata })),
          { organizationId, expectedVersion: version },
        );
        return decided;
      } catch (error) {
        if (error instanceof VersionConflictError && attempt < 8) continue;
        throw error;
      }
    }
  }
}
