import { ActionRegistry, RequestContext } from '@switchboard/gateway-kit';
import { SqlExecutor } from '@switchboard/event-store';
import { ApiError, PayloadOf } from '@switchboard/protocol';
import { loadWidgetConfiguration, ReadModels } from '@switchboard/read-models';
import { WidgetCommands } from '@switchboard/widget/application';
import { GoalDefinition, GreetingDefinition, routingOf, WidgetCommand, WidgetConfiguration } from '@switchboard/widget/domain';

const MANAGERS = new Set(['owner', 'viceowner', 'administrator']);

/** The widget is configured by the organization's owner and administrators only (ADR 0033). */
function requireManager(context: RequestContext): void {
  if (!MANAGERS.has(context.requester.role ?? '')) throw new ApiError('authorization', 'Only the owner or an administrator may configure the widget');
}

async function requireGroup(readModels: ReadModels, organizationId: string, groupId: number): Promise<void> {
  if (groupId !== 0 && !(await readModels.group(organizationId, groupId))) throw new ApiError('group_not_found', `Group ${groupId} not found`);
}

const settingsView = (c: WidgetConfiguration) => ({
  ...c.settings,
  queue_enabled: routingOf(c).license.queue_enabled,
  group_languages: c.group_languages,
  config_version: String(c.config_version),
  localization_version: String(c.localization_version),
});

/**
 * Switchboard's `switchboard_*` Configuration API actions: the widget's
 * settings, forms, greetings, goals and translations, which LiveChat keeps in
 * its own apps. Changes are events on `widget-<organization id>`.
 */
export function registerWidgetSettingsHandlers(registry: ActionRegistry, commands: WidgetCommands, db: SqlExecutor, readModels: ReadModels): void {
  const read = async (context: RequestContext) => {
    requireManager(context);
    return loadWidgetConfiguration(db, context.organizationId);
  };
  const change = async (context: RequestContext, command: WidgetCommand) => {
    requireManager(context);
    await commands.execute(context.organizationId, command, context.requester.id);
    return {};
  };

  registry.register('switchboard_get_widget_settings', async (context) => settingsView(await read(context)));
  registry.register('switchboard_update_widget_settings', async (context, payload: PayloadOf<'configuration', 'switchboard_update_widget_settings'>) =>
    change(context, { type: 'update_widget_settings', settings: payload }),
  );
  registry.register('switchboard_set_group_language', async (context, payload: PayloadOf<'configuration', 'switchboard_set_group_language'>) => {
    await requireGroup(readModels, context.organizationId, payload.group_id);
    return change(context, { type: 'set_group_language', group_id: payload.group_id, language: payload.language });
  });

  registry.register('switchboard_list_forms', async (context, payload: PayloadOf<'configuration', 'switchboard_list_forms'>) => {
    const { forms } = await read(context);
    return payload.group_id === undefined ? { forms } : { forms: { [String(payload.group_id)]: forms[String(payload.group_id)] ?? {} } };
  });
  registry.register('switchboard_set_form', async (context, payload: PayloadOf<'configuration', 'switchboard_set_form'>) => {
    await requireGroup(readModels, context.organizationId, payload.group_id);
    return change(context, { type: 'set_form', group_id: payload.group_id, form_type: payload.type, form: payload.form });
  });

  registry.register('switchboard_list_greetings', async (context) => ({ greetings: (await read(context)).greetings }));
  registry.register('switchboard_set_greeting', async (context, payload: PayloadOf<'configuration', 'switchboard_set_greeting'>) => {
    await requireGroup(readModels, context.organizationId, payload.greeting.group_id);
    if (!(await readModels.agent(context.organizationId, payload.greeting.agent_id))) {
      throw new ApiError('not_found', `Agent ${payload.greeting.agent_id} not found`);
    }
    return change(context, { type: 'set_greeting', greeting: payload.greeting as GreetingDefinition });
  });
  registry.register('switchboard_delete_greeting', async (context, payload: PayloadOf<'configuration', 'switchboard_delete_greeting'>) =>
    change(context, { type: 'delete_greeting', id: payload.id }),
  );

  registry.register('switchboard_get_routing_settings', async (context) => routingOf(await read(context)));
  registry.register('switchboard_update_routing_settings', async (context, payload: PayloadOf<'configuration', 'switchboard_update_routing_settings'>) => {
    await requireGroup(readModels, context.organizationId, payload.group_id);
    return change(context, { type: 'update_routing_settings', group_id: payload.group_id, settings: payload.settings });
  });

  registry.register('switchboard_list_goals', async (context) => ({ goals: (await read(context)).goals }));
  registry.register('switchboard_set_goal', async (context, payload: PayloadOf<'configuration', 'switchboard_set_goal'>) => {
    await requireGroup(readModels, context.organizationId, payload.goal.group_id);
    return change(context, { type: 'set_goal', goal: payload.goal as GoalDefinition });
  });
  registry.register('switchboard_delete_goal', async (context, payload: PayloadOf<'configuration', 'switchboard_delete_goal'>) =>
    change(context, { type: 'delete_goal', id: payload.id }),
  );

  registry.register('switchboard_list_translations', async (context, payload: PayloadOf<'configuration', 'switchboard_list_translations'>) => {
    const { translations, localization_version } = await read(context);
    const shown = payload.language === undefined ? translations : { [payload.language]: translations[payload.language] ?? {} };
    return { translations: shown, localization_version: String(localization_version) };
  });
  registry.register('switchboard_set_translations', async (context, payload: PayloadOf<'configuration', 'switchboard_set_translations'>) => {
    await requireGroup(readModels, context.organizationId, payload.group_id);
    return change(context, { type: 'set_translations', language: payload.language, group_id: payload.group_id, phrases: payload.phrases });
  });
}
