import { isPropertyOrTagEvent, propertyPush } from '@switchboard/chat/application';
import { ChatEvent } from '@switchboard/chat/domain';
import { PushDelivery } from '@switchboard/gateway-kit';
import { ReadModels } from '@switchboard/read-models';

/** Property pushes to the chat's customer (customer-chat-api §8); nothing for other facts. */
export async function customerPropertyPushes(
  readModels: ReadModels,
  organizationId: string,
  chatId: string,
  event: ChatEvent,
  customer: string[],
): Promise<PushDelivery[]> {
  if (!isPropertyOrTagEvent(event)) return [];
  const push = await propertyPush(readModels, organizationId, chatId, event, 'customer');
  return push ? [{ ...push, userIds: customer }] : [];
}
