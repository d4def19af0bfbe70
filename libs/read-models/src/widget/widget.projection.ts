import { DEFAULT_WIDGET_CONFIGURATION, evolveWidget, WIDGET_EVENT_TYPES, WidgetConfiguration, WidgetEvent } from '@switchboard/widget/domain';
import { InlineProjection, RecordedEvent, SqlExecutor } from '@switchboard/event-store';

/** The organization's widget configuration as stored, or the defaults of a fresh organization. */
export async function loadWidgetConfiguration(db: SqlExecutor, organizationId: string): Promise<WidgetConfiguration> {
  const { rows } = await db.query<{ data: WidgetConfiguration }>('SELECT data FROM widget_configurations WHERE organization_id = $1', [organizationId]);
  return rows[0]?.data ?? DEFAULT_WIDGET_CONFIGURATION;
}

/** `widget_configurations.data` is the folded configuration of stream `widget-<organization id>`. */
export const widgetProjection: InlineProjection = {
  name: 'widget',
  eventTypes: [...WIDGET_EVENT_TYPES],
  async apply(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
    for (const recorded of events) {
      if (!recorded.streamId.startsWith('widget-') || !WIDGET_EVENT_TYPES.has(recorded.type)) continue;
      const state = await loadWidgetConfiguration(tx, recorded.organizationId);
      const next = evolveWidget(state, { type: recorded.type, data: recorded.data } as WidgetEvent);
      await tx.query(
        `INSERT INTO widget_configurations (organization_id, data) VALUES ($1, $2)
         ON CONFLICT (organization_id) DO UPDATE SET data = EXCLUDED.data`,
        [recorded.organizationId, JSON.stringify(next)],
      );
    }
  },
};
