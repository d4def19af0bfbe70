import { randomUUID } from 'node:crypto';
import { CustomerCommands } from '@switchboard/customer/application';
import { EventStore, SqlExecutor } from '@switchboard/event-store';
import { RtmConnection } from '@switchboard/gateway-kit';
import { CustomerSessions, ReadModels } from '@switchboard/read-models';
import { CustomerVisits } from './customer-visits';
import { VisitKeeper } from './visit-keeper';

/** What the customer's methods about itself share in one gateway process: its connections, their visits and the keeper of both. */
export class CustomerSelfService {
  /** Connections of this process that are logged in or logging in, by id. */
  readonly connections = new Map<string, RtmConnection>();
  readonly commands: CustomerCommands;
  readonly visits: CustomerVisits;
  readonly keeper: VisitKeeper;

  constructor(store: EventStore, readonly readModels: ReadModels, readonly db: SqlExecutor) {
    this.commands = new CustomerCommands(store);
    this.visits = new CustomerVisits(readModels, new CustomerSessions(db, randomUUID()), this.commands);
    this.keeper = new VisitKeeper(this.visits, () => this.connections.keys());
  }
}
