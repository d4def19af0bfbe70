import type { PropertyAccess, PropertyAccessType, PropertyDefinition, PropertyLocation, PropertyRole, PropertyType } from './property-rules';

/**
 * The predefined properties of data-structures §6.1 (`routing.*`, `source.*`,
 * `rating.*`) at the chat locations: every organization has them, no
 * application owns them. What the table leaves open (types of the routing
 * flags it does not give, which role reads what) is ADR 0027's. Values the
 * server sets (routing, source) are read-only for both roles; clients write
 * only what the table lets them: `routing.ignore_agents_routing` and
 * `routing.pinned` (agents), `routing.ignore_bots`, `routing.referrer`,
 * `routing.start_url`, `routing.transcript_email` and the rating (customers).
 */
type Grant = Partial<Record<PropertyRole, PropertyAccessType[]>>;

const R: PropertyAccessType[] = ['read'];
const RW: PropertyAccessType[] = ['read', 'write'];

function at(locations: PropertyLocation[], grant: Grant): PropertyAccess {
  return Object.fromEntries(locations.map((location) => [location, grant]));
}

function define(namespace: string, name: string, type: PropertyType, description: string, access: PropertyAccess, domain?: number[]): PropertyDefinition {
  return { namespace, name, type, description, access, ...(domain && { domain }), public_access: ['read', 'write'] };
}

const CHAT_THREAD: PropertyLocation[] = ['chat', 'thread'];

export const DEFAULT_PROPERTIES: readonly PropertyDefinition[] = [
  define('routing', 'continuous', 'bool', 'The chat is continuous (Messaging Mode)', at(CHAT_THREAD, { agent: R, customer: R })),
  define('routing', 'idle', 'bool', 'The thread is idle', at(['thread'], { agent: R })),
  define('routing', 'unassigned', 'bool', 'No agent or bot is assigned', at(CHAT_THREAD, { agent: R })),
  define('routing', 'pinned', 'bool', 'The unassigned chat is pinned', at(CHAT_THREAD, { agent: RW })),
  define('routing', 'was_pinned', 'bool', 'The chat was pinned while unassigned', at(CHAT_THREAD, { agent: R })),
  define('routing', 'unreplied', 'bool', 'Nobody answered in the thread', at(['thread'], { agent: R })),
  define('routing', 'ignore_agents_routing', 'bool', 'No automatic routing for this chat', at(['chat'], { agent: RW })),
  define('routing', 'ignore_bots', 'bool', 'Do not route the thread to bots', at(['thread'], { agent: R, customer: RW })),
  define('routing', 'last_transfer_timestamp', 'int', 'When the thread was last transferred (Unix seconds)', at(['thread'], { agent: R })),
  define('routing', 'referrer', 'string', 'The page the customer came from', at(['thread'], { agent: R, customer: RW })),
  define('routing', 'start_url', 'string', 'The page the chat started on', at(['thread'], { agent: R, customer: RW })),
  define('routing', 'email_follow_up', 'bool', 'The customer asked for a follow-up by email', at(['thread'], { agent: R, customer: RW })),
  define('routing', 'offline_message', 'bool', 'The thread began as an offline message', at(['thread'], { agent: R })),
  define('routing', 'transcript_email', 'string', 'Where to send the transcript', at(['thread'], { agent: R, customer: RW })),
  define('source', 'client_id', 'string', 'Client ID of the application the chat, thread or event came from', at(['chat', 'thread', 'event'], { agent: R, customer: R })),
  define('source', 'customer_client_id', 'string', "Client ID of the customer's application", at(CHAT_THREAD, { agent: R })),
  define('rating', 'score', 'int', 'Chat rating: 0 bad, 1 good', at(CHAT_THREAD, { agent: R, customer: RW }), [0, 1]),
  define('rating', 'comment', 'string', 'Comment of the chat rating', at(CHAT_THREAD, { agent: R, customer: RW })),
];
