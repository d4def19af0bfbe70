import { decideWidget, WidgetCommand, WidgetEvent, WidgetRuleError } from '@switchboard/widget/domain';
import { EventStore } from '@switchboard/event-store';
import { ApiError } from '@switchboard/protocol';
import { loadWidgetConfiguration } from '@switchboard/read-models';

export const widgetStreamId = (organizationId: string): string => `widget-${organizationId}`;

/**
 * Runs owners' changes of the widget configuration on the organization's
 * `widget-<organization id>` stream: decided under the stream's lock against
 * the read model of the same transaction, so concurrent changes never lose one.
 */
export class WidgetCommands {
  constructor(private readonly store: EventStore) {}

  async execute(organizationId: string, command: WidgetCommand, requesterId: string): Promise<WidgetEvent[]> {
    return this.store.decideAndAppend(widgetStreamId(organizationId), organizationId, async (tx) => {
      let events: WidgetEvent[];
      try {
        events = decideWidget(await loadWidgetConfiguration(tx, organizationId), command);
      } catch (error) {
        if (error instanceof WidgetRuleError) throw new ApiError(error.type, error.message);
        throw error;
      }
      const metadata = { command: command.type, requester_id: requesterId };
      return { events: events.map((e) => ({ type: e.type, data: e.data, metadata })), result: events };
    });
  }
}
