export * from './timer-ownership';
export * from './inactivity-sweep';
export * from './inactivity-timer';
