export * from './web-api';
export * from './rtm';
