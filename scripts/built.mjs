// `npm start` runs the built app without compiling: this says in one line when there is nothing
// built, or (in a checkout with src/) when the build is older than the code. A production folder
// (package*.json, dist/, corpus/, intents/, no src/) only needs dist/ to exist.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const entry = join(root, 'dist/src/main.js');

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((n, name) => Math.max(n, newest(join(path, name))), 0);
}

if (!existsSync(entry)) {
  process.stderr.write('peel-bot: cannot start: nothing is built (no dist/src/main.js): run `npm run build` first\n');
  process.exit(1);
}
if (existsSync(join(root, 'src')) && newest(join(root, 'src')) > statSync(entry).mtimeMs) {
  process.stderr.write('peel-bot: cannot start: dist/ is older than src/: run `npm run build` (or `npm run dev` while changing the code)\n');
  process.exit(1);
}
