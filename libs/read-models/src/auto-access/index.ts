export * from './auto-access.projection';
export * from './auto-access.queries';
