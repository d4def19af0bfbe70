export * from './services';
export * from './spawn-app';
export * from './wait';
export * from './livechat-client';
export * from './tcp-forwarder';
export * from './test-deployment';
export * from './prometheus';
export * from './tls-proxy';
