export * from './actions';
export * from './matching';
export * from './occurrence';
export * from './registration';
export * from './retry-policy';
export * from './source';
export * from './webhook-names';
