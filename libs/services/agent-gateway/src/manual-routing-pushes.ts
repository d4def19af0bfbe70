import { ChatEventMetadata, ChatQueries } from '@switchboard/chat/application';
import { EventMessage, parseStreamId, SqlExecutor } from '@switchboard/event-store';
import { PushDelivery } from '@switchboard/gateway-kit';
import { manualRoutingOffer, ReadModels } from '@switchboard/read-models';

/**
 * Manual routing (`manual_routing`, ADR 0037): a new thread nobody was
 * assigned waits in the queue, and every agent of its groups accepting chats
 * hears of it with `incoming_chat`; the first to add themselves to the chat
 * picks it.
 */
export async function manualRoutingPushes(message: EventMessage, queries: ChatQueries, readModels: ReadModels, db: SqlExecutor): Promise<PushDelivery[]> {
  const meta = message.metadata as unknown as ChatEventMetadata;
  if ((meta.recipients?.agent_ids ?? []).length > 0) return [];
  const record = await readModels.chat(message.organization_id, parseStreamId(message.stream_id).id);
  if (!record || record.state.users.some((u) => u.type === 'agent' && u.present)) return [];
  const offered = await manualRoutingOffer(db, message.organization_id, record.state);
  if (offered.length === 0) return [];
  const chat = await queries.chatView(message.organization_id, record.state, undefined, 'agent');
  return [{ action: 'incoming_chat', payload: { requester_id: meta.requester_id, chat }, userIds: offered }];
}
