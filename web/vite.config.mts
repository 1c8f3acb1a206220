import { defineConfig } from 'vite';

/** The web app is built into web/dist, which the service serves at `/`; nothing is loaded from elsewhere. */
export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', modulePreload: { polyfill: false }, assetsInlineLimit: 0 },
});
