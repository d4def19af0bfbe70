import DataLoader from 'dataloader';
import { SqlExecutor } from '@switchboard/event-store';
import type { ChatRecord } from './queries';

type ChatKey = readonly [organizationId: string, chatId: string];
type ChatRow = ChatRecord & { organization_id: string; customer_id: string | null };

export const CHAT_COLUMNS = `chat_id, version, customer_id, state, last_event_per_type, customer_last_event_per_type, active, archive_facets, queues_duration`;

/** One loader per executor: a transaction of the group commit, or the pool. */
const loaders = new WeakMap<SqlExecutor, DataLoader<ChatKey, ChatRecord | undefined>>();

async function loadChats(db: SqlExecutor, keys: readonly ChatKey[]): Promise<Array<ChatRecord | undefined>> {
  const { rows } = await db.query<ChatRow>(
    // Cheaper to plan than matching pairs; a row of another pair that comes along is left out below.
    `SELECT organization_id, ${CHAT_COLUMNS} FROM chats WHERE organization_id = ANY($1::text[]) AND chat_id = ANY($2::text[])`,
    [[...new Set(keys.map((k) => k[0]))], keys.map((k) => k[1])],
  );
  const found = new Map(rows.map(({ organization_id, ...row }) => [`${organization_id}\n${row.chat_id}`, row]));
  return keys.map(([organizationId, chatId]) => {
    const row = found.get(`${organizationId}\n${chatId}`);
    return row && { ...row, customer_id: row.customer_id ?? undefined };
  });
}

/**
 * Chat rows asked for in the same tick on the same executor come back from
 * one query: the decisions of a group commit's batch each read their chat,
 * and concurrent requests on the pool do too. Nothing is cached: every read
 * sees what was committed before it was sent.
 */
export function chatLoader(db: SqlExecutor): DataLoader<ChatKey, ChatRecord | undefined> {
  let loader = loaders.get(db);
  if (!loader) {
    loader = new DataLoader((keys) => loadChats(db, keys), { cache: false, maxBatchSize: 256 });
    loaders.set(db, loader);
  }
  return loader;
}
