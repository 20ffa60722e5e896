import { fileURLToPath } from 'node:url';
import { build, defineConfig, type Plugin } from 'vite';
import csp from './csp.js';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist', import.meta.url));

// The embeddable widget is built in a second pass of its own so that dist/descent-widget.js is one
// self-contained ES module (the pages' build would share chunks with it). It finds its worker and
// the .wasm through import.meta.url, so any page can load it from wherever dist/ is served.
function widgetBundle(): Plugin {
  return {
    name: 'descent-widget',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        root,
        base: './',
        logLevel: 'warn',
        worker: { format: 'es' },
        build: {
          outDir,
          emptyOutDir: false,
          target: 'es2022',
          copyPublicDir: false,
          rollupOptions: {
            input: { 'descent-widget': fileURLToPath(new URL('src/widget/index.ts', import.meta.url)) },
            output: { entryFileNames: '[name].js', chunkFileNames: 'assets/[name]-[hash].js', assetFileNames: 'assets/[name]-[hash][extname]' },
          },
        },
      });
    },
  };
}

export default defineConfig({
  root,
  base: './', // relative URLs: dist/ works from any sub-path (GitHub Pages)
  worker: { format: 'es' },
  plugins: [widgetBundle()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        embed: fileURLToPath(new URL('embed.html', import.meta.url)),
        tutorial: fileURLToPath(new URL('tutorial.html', import.meta.url)),
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: { 'Content-Security-Policy': csp } },
});
