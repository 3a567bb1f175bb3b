// The second half of `npm run build`: tsc has written dist/; this bundles the composition root
// (dist/src/main.js) and everything it imports, our rooms and the dependencies alike, into that
// same file, so a start reads and compiles one module instead of resolving some 600 files (Bolt,
// express, undici, zod …). Cold start at 100× the corpus fell from 1.0–1.14 s to 0.81–0.94 s
// (median of 3, four alternating runs); the CLIs in dist/src/cli stay tsc's own files.
//
// Left outside the bundle and required from node_modules at run time: better-sqlite3 (a native
// addon found beside its own files) and pg-native (pg's optional addon, not installed). Our own
// createRequire() calls (stopwords, WordNet, wink) are not bundled either: esbuild leaves a
// require it did not make alone, and they resolve from dist/src/ as before.
import { build } from 'esbuild';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const entry = join(root, 'dist/src/main.js');

await build({
  entryPoints: [entry],
  outfile: entry,
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3', 'pg-native'],
  // the CommonJS dependencies call require() for node's built-ins; an ES module has none of its own
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  // without comments and spare whitespace the module's text is a third of the size, and all ASCII
  // (esbuild escapes the rest), which V8 keeps at one byte a character rather than two: the text
  // stays in the heap for as long as the process runs. Names are kept, so stack traces read as before
  minifyWhitespace: true,
  legalComments: 'none',
  charset: 'ascii',
  // tsc's source map of main.js is read in, so a stack trace can still be mapped to src/
  sourcemap: true,
  logLevel: 'warning',
});
