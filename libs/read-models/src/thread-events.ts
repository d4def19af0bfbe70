import { ChatEventRecord } from '@switchboard/chat/domain';
import { applyToEvents } from './event-properties';

/** Event rows (`event_added` and the property facts about them, in stream order) as each thread's events. */
export function foldThreadEvents(rows: Array<{ thread_id: string; type: string; data: unknown; event: ChatEventRecord }>): Map<string, ChatEventRecord[]> {
  const byThread = new Map<string, ChatEventRecord[]>();
  for (const row of rows) {
    const list = byThread.get(row.thread_id) ?? [];
    if (row.type === 'event_added') list.push(row.event);
    else applyToEvents(list, row);
    byThread.set(row.thread_id, list);
  }
  return byThread;
}
