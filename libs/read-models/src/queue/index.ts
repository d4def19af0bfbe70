export * from './queue.migrations';
export * from './queue.queries';
export * from './queue.projection';
