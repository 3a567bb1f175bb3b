import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PeelError } from '../errors.js';
import { readValidatedJson } from './json.js';
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
  if (!existsSync(textFile)) throw new PeelError('CORPUS_INVALID', `corpus: ${textFile}: file is missing`);
  const manifest = readValidatedJson(manifestFile, ManifestSchema, 'CORPUS_INVALID', 'corpus');
  const folderName = folder.split(/[\\/]/).filter(Boolean).pop();
  if (manifest.id !== folderName) {
    throw new PeelError('CORPUS_INVALID', `corpus: ${manifestFile}: id "${manifest.id}" differs from its folder "${folderName}"`);
  }
  return parseReport(readFileSync(textFile, 'utf8'), manifest, textFile);
}
