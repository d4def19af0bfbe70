import { webConfig } from '../vite.shared.mjs';

/** The Agent App at `/agent/`. */
export default webConfig('agent', '/agent/', { app: 'index.html' });
