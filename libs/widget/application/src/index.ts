export * from './widget-commands';
