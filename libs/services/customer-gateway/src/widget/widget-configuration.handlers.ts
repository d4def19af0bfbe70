import { ActionRegistry } from '@switchboard/gateway-kit';
import { ApiError, PayloadOf } from '@switchboard/protocol';
import { activeChatsCount } from '@switchboard/read-models';
import { formOf, isDomainAllowed, languageOf, phrasesFor } from '@switchboard/widget/domain';
import { groupStatuses } from '../group-status/group-status-pushes';
import { groupPropertiesForCustomer, licensePropertiesForCustomer } from '../properties.handlers';
import { WidgetReader } from './widget-context';

/**
 * The widget's start-up calls (customer-chat-api.md §2, §7 `get_form`): the
 * dynamic configuration, the group's configuration, its phrases and forms —
 * all of the customer's own organization.
 */
export function registerWidgetConfigurationHandlers(registry: ActionRegistry, widget: WidgetReader): void {
  const { readModels, db } = widget;

  registry.register('get_dynamic_configuration', async (context, payload: PayloadOf<'customer', 'get_dynamic_configuration'>) => {
    const organizationId = context.organizationId;
    if (payload.license_id !== undefined && (await readModels.organizationByLicense(payload.license_id)) !== organizationId) {
      throw new ApiError('authorization', 'The token belongs to another organization');
    }
    const groupId = payload.group_id ?? 0;
    await widget.requireGroup(organizationId, groupId);
    const [configuration, statuses, activeChats] = await Promise.all([
      widget.configuration(organizationId),
      groupStatuses(readModels, db, organizationId),
      activeChatsCount(db, organizationId),
    ]);
    const online = statuses.filter((g) => g.status !== 'offline').map((g) => g.id);
    const limit = configuration.settings.client_limit;
    return {
      group_id: groupId,
      organization_id: organizationId,
      client_limit_exceeded: limit !== undefined && activeChats >= limit,
      domain_allowed: isDomainAllowed(configuration.settings, payload.url),
      ...(online.length > 0 && { online_group_ids: online }),
      config_version: String(configuration.config_version),
      localization_version: String(configuration.localization_version),
      language: languageOf(configuration, groupId),
    };
  });

  registry.register('get_configuration', async (context, payload: PayloadOf<'customer', 'get_configuration'>) => {
    const organizationId = context.organizationId;
    await widget.requireGroup(organizationId, payload.group_id);
    const [configuration, license, group] = await Promise.all([
      widget.configuration(organizationId),
      licensePropertiesForCustomer(readModels, organizationId),
      groupPropertiesForCustomer(readModels, organizationId, payload.group_id),
    ]);
    const ticket = formOf(configuration, payload.group_id, 'ticket');
    const prechat = formOf(configuration, payload.group_id, 'prechat');
    return {
      buttons: configuration.settings.buttons,
      ...(ticket && { ticket_form: ticket }),
      ...(prechat && { prechat_form: prechat }),
      integrations: configuration.settings.integrations,
      properties: { group, license },
      allowed_domains: configuration.settings.allowed_domains,
    };
  });

  registry.register('get_localization', async (context, payload: PayloadOf<'customer', 'get_localization'>) => {
    await widget.requireGroup(context.organizationId, payload.group_id);
    return phrasesFor(await widget.configuration(context.organizationId), payload.group_id, payload.language);
  });

  registry.register('get_form', async (context, payload: PayloadOf<'customer', 'get_form'>) => {
    await widget.requireGroup(context.organizationId, payload.group_id);
    const form = formOf(await widget.configuration(context.organizationId), payload.group_id, payload.type);
    return form ? { enabled: true, form } : { enabled: false };
  });
}
