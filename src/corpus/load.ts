import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PeelError } from '../errors.js';
import { readValidatedJson } from './json.js';
import { parseReport } from './parse.js';
import { type Manifest, ManifestSchema, type Report } from './schema.js';

/** A report found in the corpus: its validated manifest, and how to read and parse its text when it is needed. */
export interface CorpusEntry {
  manifest: Manifest;
  textFile: string;
  /** the report's text as it is on disk now */
  read: () => string;
  /** the report parsed from its text */
  parse: (text: string) => Report;
  /** read + parse */
  load: () => Report;
}

/**
 * Lists the reports under `corpusDir` without parsing them: every manifest is validated and every
 * text checked to have pages, so a bad corpus still stops start-up, naming the file.
 */
export function listCorpus(corpusDir: string): CorpusEntry[] {
  const entries = reportFolders(corpusDir).map((folder): CorpusEntry => {
    const { manifest, textFile } = readManifest(folder);
    if (!hasPage(textFile)) throw new PeelError('CORPUS_INVALID', `corpus: ${textFile}: no page found (a page starts on a line with one leading space)`);
    const read = () => readFileSync(textFile, 'utf8');
    const parse = (t: string) => parseReport(t, manifest, textFile);
    return { manifest, textFile, read, parse, load: () => parse(read()) };
  });
  checkUniqueIds(entries.map((e) => e.manifest.id));
  return entries;
}

/** A page starts on a line with one leading space. */
const PAGE_START = /^ \S/m;
/** How much of a report's text is read at start to find its first page (the whole text when not there). */
const HEAD_BYTES = 16 * 1024;

/**
 * True when the text has a page. Start-up asks it of every report, so it reads the head of the
 * text, where the first page starts, and the whole text only when the head has none (at 100 reports
 * whole reads cost about 0.1 s of start-up).
 */
function hasPage(textFile: string): boolean {
  const fd = openSync(textFile, 'r');
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, head, 0, HEAD_BYTES, 0);
    if (PAGE_START.test(head.subarray(0, n).toString('utf8'))) return true;
  } finally {
    closeSync(fd);
  }
  return PAGE_START.test(readFileSync(textFile, 'utf8'));
}

/** Loads every report under `corpusDir` (one folder each: report.txt + report.json); fails whole on any bad one. */
export function loadCorpus(corpusDir: string): Report[] {
  const reports = reportFolders(corpusDir).map((folder) => loadReport(folder));
  checkUniqueIds(reports.map((r) => r.id));
  return reports;
}

function reportFolders(corpusDir: string): string[] {
  if (!existsSync(corpusDir) || !statSync(corpusDir).isDirectory()) {
    throw new PeelError('CORPUS_INVALID', `corpus: ${corpusDir} is not a folder`);
  }
  const folders = readdirSync(corpusDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  if (folders.length === 0) throw new PeelError('CORPUS_INVALID', `corpus: ${corpusDir} holds no report folder`);
  return folders.map((name) => join(corpusDir, name));
}

function checkUniqueIds(ids: string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new PeelError('CORPUS_INVALID', `corpus: duplicate report id ${id}`);
    seen.add(id);
  }
}

/** Loads one report folder: validates its manifest, then parses its text. */
export function loadReport(folder: string): Report {
  const { manifest, textFile } = readManifest(folder);
  return parseReport(readFileSync(textFile, 'utf8'), manifest, textFile);
}

function readManifest(folder: string): { manifest: Manifest; manifestFile: string; textFile: string } {
  const manifestFile = join(folder, 'report.json');
  const textFile = join(folder, 'report.txt');
  if (!existsSync(textFile)) throw new PeelError('CORPUS_INVALID', `corpus: ${textFile}: file is missing`);
  const manifest = readValidatedJson(manifestFile, ManifestSchema, 'CORPUS_INVALID', 'corpus');
  const folderName = folder.split(/[\\/]/).filter(Boolean).pop();
  if (manifest.id !== folderName) {
    throw new PeelError('CORPUS_INVALID', `corpus: ${manifestFile}: id "${manifest.id}" differs from its folder "${folderName}"`);
  }
  return { manifest, manifestFile, textFile };
}
