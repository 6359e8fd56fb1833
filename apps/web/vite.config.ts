// Builds the editor to dist/ (served by the API in production) and proxies the API in dev.
import { defineConfig } from 'vite';

const apiUrl = process.env['API_URL'] ?? 'http://127.0.0.1:3000';

export default defineConfig({
  // Lit's decorators are TypeScript's legacy ones, and its reactive properties must not be
  // shadowed by class fields: say so explicitly rather than rely on tsconfig discovery.
  oxc: {
    decorator: { legacy: true },
    typescript: { removeClassFieldsWithoutInitializer: true },
    assumptions: { setPublicClassFields: true },
  },
  server: {
    proxy: {
      '/api': apiUrl,
      '/healthz': apiUrl,
      '/readyz': apiUrl,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
});
