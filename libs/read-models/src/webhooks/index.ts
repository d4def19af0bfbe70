export * from './webhooks.migrations';
export * from './webhooks.projection';
export * from './webhooks.queries';
