export * from './timer-ownership';
export * from './inactivity-decision';
export * from './inactivity-sweep';
export * from './inactivity-timer';
