import { defineConfig } from 'prisma/config';

// Prisma 7 reads the datasource URL from here instead of schema.prisma. It is optional on
// purpose: `prisma generate` (run on every install) must work with no database configured.
// Parapet applies migrations with its own engine-free runner (src/migrate), so only
// Prisma's own CLI commands (`migrate status`, `studio`) ever read this URL.
export default defineConfig({
  schema: '../../prisma/schema.prisma',
  migrations: { path: '../../prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL },
});
