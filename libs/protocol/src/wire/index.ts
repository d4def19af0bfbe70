export * from './common';
export * from './event';
export * from './thread';
export * from './user';
export * from './chat';
