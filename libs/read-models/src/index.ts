export * from './schema';
export * from './chat.projection';
export * from './configuration.projection';
export * from './queries';
export * from './agent-sessions';
export * from './auto-access';
export * from './properties.projection';
export * from './properties.queries';
