// Bundles the generator (TypeScript, using the project's data layer) for the benchmark runs.
import { build } from 'esbuild';

await build({
  entryPoints: ['bench/generate.ts'], outfile: 'bench/data/generate.mjs', bundle: true, format: 'esm', platform: 'node',
  target: 'node20', external: ['better-sqlite3', 'pg', 'pg-cursor', 'pg-connection-string', 'pgpass', 'pg-native'], logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
