import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.resolve(webRoot, '../dist/web'),
    emptyOutDir: true,
  },
  server: {
    // `vite --config web/vite.config.ts` for UI work against a running API server.
    proxy: { '/api': process.env.TIMEWARD_API_URL ?? 'http://localhost:3000' },
  },
});
