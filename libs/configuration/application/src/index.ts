export * from './configuration-commands';
export * from './property-value-commands';
export * from './configuration-payloads';
