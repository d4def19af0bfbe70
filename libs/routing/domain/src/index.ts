export * from './routing-decision';
export * from './routing-settings';
export * from './queue';
export * from './reassignment/presence-loss';
export * from './reassignment/assignee-silence';
export * from './inactivity/inactivity-decision';
