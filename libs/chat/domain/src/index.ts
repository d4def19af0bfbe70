export * from './chat.types';
export * from './chat.events';
export * from './chat.commands';
export * from './chat.errors';
export * from './chat.evolve';
export * from './chat.decide';
export * from './properties.decide';
export * from './tags.decide';
