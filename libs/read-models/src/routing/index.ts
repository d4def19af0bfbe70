export * from './routing-candidates';
export * from './chat-to-route';
export * from './waiting-chats';
export * from './manual-routing';
