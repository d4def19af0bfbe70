import { Migration } from '@switchboard/event-store';

/** The queues' read models (ADR 0038). */
export const QUEUE_MIGRATIONS: Migration[] = [
  {
    id: 128,
    name: 'queued-threads',
    // Where each waiting chat stands, as the router last placed it and told its users: live routing state the
    // router derives again from the waiting chats on its next pass (not from the log). `queues_duration`: seconds
    // each thread spent queued, by thread id, written by the chat projection when a queued thread stops waiting.
    up: `
      CREATE TABLE queued_threads (
        organization_id text NOT NULL,
        chat_id text NOT NULL,
        thread_id text NOT NULL,
        group_id integer NOT NULL,
        position integer NOT NULL,
        wait_time integer NOT NULL,
        queued_at timestamptz NOT NULL,
        PRIMARY KEY (organization_id, chat_id)
      );
      ALTER TABLE chats ADD COLUMN queues_duration jsonb NOT NULL DEFAULT '{}';
    `,
  },
  {
    id: 129,
    name: 'group-assignment-rates',
    // Each group's recent rate of serving queued chats: a decaying count (weight) as of updated_at.
    up: `
      CREATE TABLE group_assignment_rates (
        organization_id text NOT NULL,
        group_id integer NOT NULL,
        weight double precision NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (organization_id, group_id)
      );
    `,
  },
];
