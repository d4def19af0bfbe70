import { SqlExecutor } from '@switchboard/event-store';
import { ApiError } from '@switchboard/protocol';
import { loadWidgetConfiguration, ReadModels } from '@switchboard/read-models';
import { WidgetConfiguration } from '@switchboard/widget/domain';

/** What the widget's handlers read: the read models and the organization's widget configuration. */
export class WidgetReader {
  constructor(
    readonly readModels: ReadModels,
    readonly db: SqlExecutor,
  ) {}

  configuration(organizationId: string): Promise<WidgetConfiguration> {
    return loadWidgetConfiguration(this.db, organizationId);
  }

  /** Throws `group_not_found` unless the organization has the group (group 0 always exists). */
  async requireGroup(organizationId: string, groupId: number): Promise<void> {
    if (!(await this.readModels.group(organizationId, groupId))) throw new ApiError('group_not_found', `Group ${groupId} not found`);
  }
}
