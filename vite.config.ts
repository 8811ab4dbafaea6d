import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built once and served by both hosts: Electron's app://
// protocol and browser mode's HTTP server. Relative asset paths work in both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    // FACTDESK_PROFILE_BUILD=1 keeps names readable in CPU profiles (bench/browser.ts BENCH_PROFILE).
    minify: process.env.FACTDESK_PROFILE_BUILD ? false : 'esbuild',
    chunkSizeWarningLimit: 2000,
  },
});
