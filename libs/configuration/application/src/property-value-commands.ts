import {
  decidePropertyValues,
  PropertyCatalog,
  propertyCatalog,
  PropertyRequester,
  PropertyRuleError,
  PropertyValueCommand,
  PropertyValueEvent,
} from '@switchboard/configuration/domain';
import { EventStore } from '@switchboard/event-store';
import { ApiError } from '@switchboard/protocol';
import { ReadModels } from '@switchboard/read-models';

/**
 * Changes the license's and groups' property values, each checked against the
 * organization's registered properties by the shared rules (ADR 0023).
 */
export class PropertyValueCommands {
  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModels,
  ) {}

  /** What the organization's values are checked against: its registered properties and the system ones. */
  async catalog(organizationId: string): Promise<PropertyCatalog> {
    return propertyCatalog(await this.readModels.properties.definitions(organizationId));
  }

  /**
   * Decides and records the change. Nothing is recorded when any value is
   * refused. The decision needs no earlier value, so the append expects no
   * particular stream version. `metadata`: who asked (kept for webhooks).
   */
  async change(
    organizationId: string,
    requester: PropertyRequester,
    command: PropertyValueCommand,
    metadata: Record<string, unknown> = {},
  ): Promise<PropertyValueEvent[]> {
    const group = 'group_id' in command;
    if (group && !(await this.readModels.group(organizationId, command.group_id))) {
      throw new ApiError('group_not_found', `Group ${command.group_id} not found`);
    }
    let events: PropertyValueEvent[];
    try {
      events = decidePropertyValues(await this.catalog(organizationId), requester, command);
    } catch (error) {
      if (error instanceof PropertyRuleError) throw new ApiError(error.type, error.message);
      throw error;
    }
    if (events.length === 0) return events;
    const streamId = `${group ? 'group_properties' : 'license_properties'}-${organizationId}`;
    await this.store.append(
      streamId,
      events.map((e) => ({ type: e.type, data: e.data, metadata })),
      { organizationId, expectedVersion: 'any' },
    );
    return events;
  }
}
