import { EVENT_STORE_MIGRATIONS, Migration } from '@switchboard/event-store';
import { READ_MODEL_MIGRATIONS } from '@switchboard/read-models';

/**
 * Every migration of a Switchboard database. Each process applies them at
 * start-up; the embedded mode's bundled snapshot is built from exactly this
 * list (a snapshot of any other list is ignored).
 */
export const SCHEMA_MIGRATIONS: readonly Migration[] = [...EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS];
