import { DEFAULT_ACCESS } from '@switchboard/chat/domain';
import { SqlExecutor } from '@switchboard/event-store';
import { ApiError } from '@switchboard/protocol';
import { loadWidgetConfiguration, QueueQueries, ReadModels, routingCandidates } from '@switchboard/read-models';
import { admitToQueue, decideRouting } from '@switchboard/routing/domain';
import { routingSettingsOf } from '@switchboard/widget/domain';
import { AccessPreset } from '../self-service/auto-access-preset';

/** A customer's `start_chat` / `resume_chat` payload, as far as the queue cares. */
type ThreadRequest = { chat?: { id?: string; access?: { group_ids: number[] } }; active?: boolean; continuous?: boolean };

/**
 * A customer's new thread must have somewhere to go (routing.md §5, ADR
 * 0038): when nobody of its group can take it at once it joins the group's
 * queue — refused with `limit_reached` when that queue is full, and with
 * `groups_offline` when the group keeps no queue (`list_group_statuses`
 * shows it offline). Inactive threads and continuous chats are let in.
 * Runs after the access preset, on the access the thread will have.
 */
export function withQueueAdmission(preset: AccessPreset, readModels: ReadModels, db: SqlExecutor): AccessPreset {
  return async (context, payload) => {
    const request = (await preset(context, payload)) as typeof payload & ThreadRequest;
    if (request.active === false) return request;
    const organizationId = context.organizationId;
    const found = request.chat?.id ? await readModels.chat(organizationId, request.chat.id) : undefined;
    // Another customer's chat tells nothing here: resume_chat refuses it on its own.
    const existing = found?.customer_id === context.requester.id ? found : undefined;
    const continuous = request.continuous ?? existing?.state.continuous ?? false;
    const groupIds = request.chat?.access?.group_ids ?? existing?.state.access.group_ids ?? DEFAULT_ACCESS.group_ids;
    const groupId = groupIds[0] ?? 0;
    const settings = routingSettingsOf(await loadWidgetConfiguration(db, organizationId), groupId);
    const decision = decideRouting(await routingCandidates(db, organizationId), { group_ids: groupIds }, settings);
    // Manual routing: the chat waits for an agent to pick it, as every chat of the group does.
    const canBeTakenNow = decision.kind === 'assign' || (decision.kind === 'queue' && decision.reason === 'manual_routing');
    if (canBeTakenNow || continuous) return request;
    const queued = await new QueueQueries(db).queueLength(organizationId, groupId);
    const admission = admitToQueue({ canBeTakenNow, continuous, settings, queued });
    if (admission === 'groups_offline') throw new ApiError('groups_offline', `Nobody of group ${groupId} can take a chat now and the group keeps no queue`);
    if (admission === 'limit_reached') throw new ApiError('limit_reached', `The queue of group ${groupId} is full (${settings.queue_limit} chats)`);
    return request;
  };
}
