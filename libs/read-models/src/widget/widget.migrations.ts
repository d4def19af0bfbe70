import { Migration } from '@switchboard/event-store';

/** The widget configuration of each organization (ADR 0033): one folded document, rebuilt from `widget-<organization>` streams. */
export const WIDGET_MIGRATIONS: Migration[] = [
  {
    id: 124,
    name: 'widget-configurations',
    up: `
      CREATE TABLE widget_configurations (
        organization_id text PRIMARY KEY,
        data jsonb NOT NULL
      );
    `,
  },
];
