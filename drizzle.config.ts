import { defineConfig } from 'drizzle-kit';

// Schemas live beside their modules; drizzle-kit generates the SQL migrations committed in migrations/.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/server/platform/**/*.schema.ts', './src/server/modules/**/*.schema.ts'],
  out: './migrations',
});
