import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: r('./src/web'),
  plugins: [react()],
  resolve: { alias: { '@shared': r('./src/shared'), '@web': r('./src/web') } },
  build: { outDir: r('./dist/web'), emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  // Only the server's API paths: /api/… alone would also catch Vite's own modules under src/web/api*.
  server: {
    proxy: {
      '/api/v1': 'http://127.0.0.1:3000',
      '/api/docs': 'http://127.0.0.1:3000',
      '/api/openapi.json': 'http://127.0.0.1:3000',
    },
  },
});
