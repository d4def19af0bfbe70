import { ChatEvent } from '@switchboard/chat/domain';
import { SqlExecutor } from '@switchboard/event-store';

/**
 * An agent removed from an active chat (removed, left, or transferred away)
 * frees the seat it held; the seats of agents who join are counted with
 * `user_added` like any other (ADR 0025).
 */
export async function countMembershipSeats(tx: SqlExecutor, organizationId: string, event: ChatEvent): Promise<void> {
  if (event.type !== 'user_removed' || event.data.user_type !== 'agent' || !event.data.thread_id) return;
  await tx.query(
    `UPDATE agents SET active_chats = GREATEST(active_chats - 1, 0)
     WHERE organization_id = $1 AND agent_id = $2`,
    [organizationId, event.data.user_id],
  );
}
