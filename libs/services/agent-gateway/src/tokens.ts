export const AGENT_ACTIONS = Symbol('AGENT_ACTIONS');
