export * from './errors';
export * from './version';
export * from './frames';
export * from './catalog';
export * from './wire';
export * from './schemas';
export * from './pushes';
export * from './push-subscription';
