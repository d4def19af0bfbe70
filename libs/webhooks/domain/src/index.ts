export * from './actions';
export * from './matching';
export * from './occurrence';
export * from './registration';
export * from './private-targets';
export * from './webhook-names';
