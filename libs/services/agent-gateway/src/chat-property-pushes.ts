import { isPropertyOrTagEvent, propertyPush } from '@switchboard/chat/application';
import { ChatEvent } from '@switchboard/chat/domain';
import { PushDelivery } from '@switchboard/gateway-kit';
import { ReadModels } from '@switchboard/read-models';

/** Property and tag pushes to the chat's agents (agent-chat-api §10); nothing for other facts. */
export async function chatPropertyPushes(
  readModels: ReadModels,
  organizationId: string,
  chatId: string,
  event: ChatEvent,
  agentIds: string[],
): Promise<PushDelivery[]> {
  if (!isPropertyOrTagEvent(event) || agentIds.length === 0) return [];
  const push = await propertyPush(readModels, organizationId, chatId, event, 'agent');
  return push ? [{ ...push, userIds: agentIds }] : [];
}
