export * from './widget-configuration';
export * from './widget-events';
export * from './widget-decider';
export * from './greeting-rules';
export * from './localization';
