import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built into dist/app and served by the gateway at `/`; the persisted documents go beside it (dist/).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    // No inline data: URLs: the gateway's content security stays simple, and every file is cacheable.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
  },
});
