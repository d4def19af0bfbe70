export * from './customer-commands';
export * from './customer-view';
export * from './customer-queries';
export * from './customer-profile-actions';
export * from './customer-system-messages';
