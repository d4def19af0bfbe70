/** Payload schemas of following, chat users and transfers (agent-chat-api.md §1–3, §9). */
import { z } from 'zod';
import { groupId, id, list } from './common';

/** `follow_chat` / `unfollow_chat` of chat `id`. */
export const followChatSchema = z.object({ id: id() });

/** `transfer_chat`: to groups or agents; no target re-routes within the chat's groups. */
export const transferChatSchema = z.object({
  id: id(),
  target: z
    .discriminatedUnion('type', [
      z.object({ type: z.literal('group'), ids: list(groupId(), 200).min(1, 'must not be empty') }),
      z.object({ type: z.literal('agent'), ids: list(id(), 200).min(1, 'must not be empty') }),
    ])
    .optional(),
  ignore_agents_availability: z.boolean().default(false),
  ignore_requester_presence: z.boolean().default(false),
});

/** `add_user_to_chat`. */
export const addUserToChatSchema = z.object({
  chat_id: id(),
  user_id: id(),
  user_type: z.enum(['agent', 'customer']),
  visibility: z.enum(['all', 'agents']),
  ignore_requester_presence: z.boolean().default(false),
});

/** `remove_user_from_chat`; `customer` is accepted (older docs) and refused by the chat's rules. */
export const removeUserFromChatSchema = z.object({
  chat_id: id(),
  user_id: id(),
  user_type: z.enum(['agent', 'customer']),
  ignore_requester_presence: z.boolean().default(false),
});

/** `list_agents_for_transfer`. */
export const listAgentsForTransferSchema = z.object({ chat_id: id() });

export const MEMBERSHIP_SCHEMAS = {
  follow_chat: followChatSchema,
  unfollow_chat: followChatSchema,
  transfer_chat: transferChatSchema,
  add_user_to_chat: addUserToChatSchema,
  remove_user_from_chat: removeUserFromChatSchema,
  list_agents_for_transfer: listAgentsForTransferSchema,
} satisfies Record<string, z.ZodType>;
