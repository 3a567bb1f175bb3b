import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManifestSchema, type Manifest } from '../src/corpus/schema.js';

/**
 * Synthetic corpora for the scale benches: the seed reports copied as distinct reports (their own
 * ids, force names "Cleveland Police 07", some words varied), made at run time and never
 * committed. The copies keep the seed's layout (pages, headings, grades, figure tables) so they
 * parse like a real report of the same kind; only the wording drifts, so each copy adds terms of
 * its own to the index as another force's report would.
 */

export interface SourceReport {
  text: string;
  manifest: Manifest;
}

/** The reports under `corpusDir` as text and validated manifest (what parseReport takes). */
export function readSeedReports(corpusDir: string): SourceReport[] {
  return readdirSync(corpusDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => ({
      text: readFileSync(join(corpusDir, name, 'report.txt'), 'utf8'),
      manifest: ManifestSchema.parse(JSON.parse(readFileSync(join(corpusDir, name, 'report.json'), 'utf8'))),
    }));
}

/** A small deterministic PRNG (mulberry32), so a scale's corpus is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Lines the parser reads as structure stay as they are: headings are questions (possibly wrapped
// onto a second line), grades and template headings are short lines, figures have captions.
const QUESTION_START = /^\s*(?:How|What|Which|Why|To what extent)\b/;
const STRUCTURE = /^\s*(?:Figure \d|Source|Annex)/;
/** Words the facts extractors key on (grades, areas for improvement, comparisons). */
const KEEP = new Set(['requires', 'improvement', 'outstanding', 'inadequate', 'judgment', 'summary', 'findings', 'england', 'wales', 'cleveland', 'police', 'force']);
/** A plain lower-case word between spaces or before punctuation: never a split word, a marker-glued word or a number. */
const WORD = /(?<=^|\s)([a-z]{5,})(?=[\s,.;:]|$)/g;

/** Copy `k` (1-based) of `seed`: its own id, force name and varied wording. */
export function syntheticCopy(seed: SourceReport, k: number, vocabulary: string[]): SourceReport {
  const next = random(k * 7919 + seed.text.length);
  const suffix = String.fromCharCode(97 + (k % 26)) + String.fromCharCode(97 + (Math.floor(k / 26) % 26));
  const lines = seed.text.split('\n');
  let protectNext = false;
  const varied = lines.map((line) => {
    const isHeading = QUESTION_START.test(line);
    const keep = protectNext || isHeading || STRUCTURE.test(line) || line.trim().length < 40 || line.includes('?');
    protectNext = isHeading && !line.includes('?');
    if (keep) return line;
    return line.replace(WORD, (word) => {
      if (KEEP.has(word)) return word;
      const roll = next();
      if (roll < 0.06) return vocabulary[Math.floor(next() * vocabulary.length)]!; // another word of the report
      if (roll < 0.12) return `${word}${suffix}`; // a word this report alone uses
      return word;
    });
  });
  const n = String(k).padStart(2, '0');
  const id = `${seed.manifest.id}-x${String(k).padStart(3, '0')}`;
  const force = `${seed.manifest.force} ${n}`;
  const manifest: Manifest = {
    ...seed.manifest,
    id,
    force,
    title: seed.manifest.title.split(seed.manifest.force).join(force),
  };
  return { text: varied.join('\n'), manifest };
}

/** `scale` reports per seed report: the seeds themselves, then scale − 1 synthetic copies of each. */
export function syntheticCorpus(seeds: SourceReport[], scale: number): SourceReport[] {
  const out: SourceReport[] = [...seeds];
  for (const seed of seeds) {
    const vocabulary = [...new Set(seed.text.match(/(?<=\s)[a-z]{5,}(?=[\s,.;:])/g) ?? [])].filter((w) => !KEEP.has(w)).sort();
    for (let k = 1; k < scale; k++) out.push(syntheticCopy(seed, k, vocabulary));
  }
  return out;
}

/** Writes reports as a corpus folder (one folder per report: report.txt + report.json). */
export function writeCorpus(dir: string, reports: SourceReport[]): void {
  for (const r of reports) {
    const folder = join(dir, r.manifest.id);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'report.txt'), r.text);
    writeFileSync(join(folder, 'report.json'), `${JSON.stringify(r.manifest, null, 2)}\n`);
  }
}
