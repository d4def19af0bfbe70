export * from './web-api';
export * from './rtm';
export * from './agent-session';
