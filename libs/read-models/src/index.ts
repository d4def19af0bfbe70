export * from './schema';
export * from './chat.projection';
export * from './configuration.projection';
export * from './bot.projection';
export * from './queries';
export * from './agent-sessions';
