import { webConfig } from '../vite.shared.mjs';

/**
 * The Chat Widget at `/widget/` (the page inside the iframe) and its embed
 * script at the stable address `/widget/embed.js` (a classic script: it imports nothing).
 */
export default webConfig('widget', '/widget/', { widget: 'index.html', embed: 'src/embed.ts' }, {
  rolldownOptions: {
    output: { entryFileNames: (chunk) => (chunk.name === 'embed' ? 'embed.js' : 'assets/[name]-[hash].js') },
  },
});
