import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PeelError } from '../errors.js';
import { parseReport } from './parse.js';
import { ManifestSchema, type Report } from './schema.js';

/** Loads every report under `corpusDir` (one folder each: report.txt + report.json); fails whole on any bad one. */
export function loadCorpus(corpusDir: string): Report[] {
  if (!existsSync(corpusDir) || !statSync(corpusDir).isDirectory()) {
    throw new PeelError('CORPUS_INVALID', `corpus: ${corpusDir} is not a folder`);
  }
  const folders = readdirSync(corpusDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  if (folders.length === 0) throw new PeelError('CORPUS_INVALID', `corpus: ${corpusDir} holds no report folder`);
  const reports = folders.map((name) => loadReport(join(corpusDir, name)));
  const ids = new Set<string>();
  for (const r of reports) {
    if (ids.has(r.id)) throw new PeelError('CORPUS_INVALID', `corpus: duplicate report id ${r.id}`);
    ids.add(r.id);
  }
  return reports;
}

/** Loads one report folder: validates its manifest, then parses its text. */
export function loadReport(folder: string): Report {
  const manifestFile = join(folder, 'report.json');
  const textFile = join(folder, 'report.txt');
  if (!existsSync(manifestFile)) throw new PeelError('CORPUS_INVALID', `corpus: ${manifestFile}: file is missing`);
  if (!existsSync(textFile)) throw new PeelError('CORPUS_INVALID', `corpus: ${textFile}: file is missing`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch (err) {
    throw new PeelError('CORPUS_INVALID', `corpus: ${manifestFile}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new PeelError('CORPUS_INVALID', `corpus: ${manifestFile}: ${problems}`);
  }
  const folderName = folder.split(/[\\/]/).filter(Boolean).pop();
  if (parsed.data.id !== folderName) {
    throw new PeelError('CORPUS_INVALID', `corpus: ${manifestFile}: id "${parsed.data.id}" differs from its folder "${folderName}"`);
  }
  return parseReport(readFileSync(textFile, 'utf8'), parsed.data, textFile);
}
