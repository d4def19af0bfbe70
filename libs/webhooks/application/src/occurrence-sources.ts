import { ChatQueries } from '@switchboard/chat/application';
import { EventStore } from '@switchboard/event-store';
import { CustomerRecords, ReadModels } from '@switchboard/read-models';
import type { ChatStateCache } from './chat-as-of';

/** What turning events into webhook occurrences reads: the read models, the chat views, and streams to fold when a read model is newer than the event. */
export interface OccurrenceSources {
  readModels: ReadModels;
  queries: ChatQueries;
  store: Pick<EventStore, 'readStream'>;
  customers: CustomerRecords;
  /** Chat states computed before, to fold on from (the dispatcher's). */
  chatStates?: ChatStateCache;
}
