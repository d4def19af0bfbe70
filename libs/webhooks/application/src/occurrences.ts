import { EventMessage, parseStreamId } from '@switchboard/event-store';
import { WebhookOccurrence } from '@switchboard/webhooks/domain';
import { chatOccurrences } from './chat-occurrences';
import { configurationOccurrences } from './configuration-occurrences';
import { customerOccurrences } from './customer-occurrences';
import { OccurrenceSources } from './occurrence-sources';

/**
 * What webhooks hear of a committed event (webhooks.md §4, §5; ADR 0043):
 * the occurrences it causes, each an action with its payload and what the
 * filters and additional data are computed from, as of the event. Most
 * events cause one or none; `customer_session_fields_updated` one per active
 * chat of the customer.
 */
export async function webhookOccurrences(message: EventMessage, sources: OccurrenceSources): Promise<WebhookOccurrence[]> {
  switch (parseStreamId(message.stream_id).type) {
    case 'chat':
      return chatOccurrences(message, sources);
    case 'customer':
      return customerOccurrences(message, sources);
    default:
      return configurationOccurrences(message);
  }
}
