export * from './routing-candidates';
export * from './router-timers.migrations';
export * from './chat-to-route';
export * from './waiting-chats';
export * from './manual-routing';
