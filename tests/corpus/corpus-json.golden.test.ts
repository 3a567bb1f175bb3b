/**
 * What `npm run corpus -- --json` says of the seed report, whole, against a copy taken before the
 * parser was split into its parts: any change to what the parser and the facts read from the
 * report shows here as a diff. When a change is meant, regenerate the copy with
 * `npx tsx src/cli/corpus.ts --json > tests/corpus/fixtures/corpus.golden.json` and read the diff.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCorpusCli } from '../../src/cli/corpus.js';

describe('npm run corpus -- --json', () => {
  it('is what it was before the parser was split', async () => {
    let out = '';
    expect(await runCorpusCli(['--json'], { out: (s) => (out += s), err: () => {}, env: {} })).toBe(0);
    const golden = readFileSync(join(import.meta.dirname, 'fixtures/corpus.golden.json'), 'utf8');
    expect(JSON.parse(out)).toEqual(JSON.parse(golden));
  });
});
