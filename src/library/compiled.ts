import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CorpusEntry, listCorpus } from '../corpus/load.js';
import type { Report } from '../corpus/schema.js';
import { extractFacts, type Facts } from '../facts/index.js';
import { buildSearchIndex, loadSearchIndex, type SearchIndex, searchIndexToJson, type SearchIndexJson } from '../search/index.js';
import { termsByLength } from '../search/spelling.js';
import { contentTerms } from '../search/content.js';
import { loadVocabulary, type Vocabulary } from '../search/vocabulary.js';
import { PeelError } from '../errors.js';

/**
 * Reports compiled once. A report's parsed model, facts and search indexes are written to the
 * compiled folder as one file, `<report id>.json`, and read back with MiniSearch.loadJS instead of
 * parsed and indexed again: the first answer about a force not yet loaded takes 16 ms at 100× the
 * seed corpus, against 66 ms parsing it (npm run bench).
 *
 * The file's first line is a header: the format, the report id, the **key** — a SHA-256 of
 * everything the entry is made from (the report's text, its manifest, the intents files and the
 * code version) — and a SHA-256 of the body on the second line. An entry whose key differs is
 * stale; one whose body does not hash to its header, does not parse or does not match its report
 * is damaged. Either is rebuilt and overwritten, never trusted.
 */

const FORMAT = 1;

/** The parts of a compiled entry: what `buildEntry` makes, in JSON. */
interface CompiledBody {
  report: Report;
  facts: Facts;
  search: SearchIndexJson;
}

interface Header {
  format: number;
  report: string;
  key: string;
  body: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let codeVersionMemo: string | null = null;

/** The directories of src/ whose code decides what a compiled entry holds. */
const COMPILING_ROOMS = ['words', 'corpus', 'facts', 'search', 'library'];

/**
 * The version of the code that compiles a report: a hash of the TypeScript source of the rooms
 * that read it (words, corpus, facts, search, library) and of package.json, whose exact dependency
 * versions pin MiniSearch and the word lists. Changing any of them makes every entry stale.
 *
 * The source is hashed whether this runs from src/ (tsx) or from the build in dist/src/ (bundled
 * or not), so `npm run ask` and `npm start` share one folder of entries. Where there is no source beside the build (the
 * image copies only dist/), the built JavaScript is hashed instead: the image compiles its reports
 * with the same build it runs.
 */
function codeVersion(): string {
  if (codeVersionMemo) return codeVersionMemo;
  // the folder of the rooms (src/ or dist/src/): this file's room's parent, or, when this code
  // runs bundled into dist/src/main.js (`npm start`, scripts/bundle.mjs), that file's own folder
  const file = fileURLToPath(import.meta.url);
  const here = existsSync(join(dirname(file), 'library')) ? dirname(file) : dirname(dirname(file));
  const pkg = packageJson(here);
  const source = pkg ? join(dirname(pkg), 'src') : null;
  const dir = source && existsSync(join(source, 'library', 'compiled.ts')) ? source : here;
  const hash = createHash('sha256');
  for (const room of COMPILING_ROOMS) {
    for (const file of sourceFiles(join(dir, room))) hash.update(relative(dir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  if (pkg) hash.update(readFileSync(pkg));
  codeVersionMemo = hash.digest('hex').slice(0, 16);
  return codeVersionMemo;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return /\.(?:ts|js)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
    });
}

/** The nearest package.json above the code (src/ in development, dist/src/ when built). */
function packageJson(from: string): string | null {
  for (let dir = from, i = 0; i < 4; i++, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return file;
  }
  return null;
}

/** The key of a report's compiled entry: what it is made from, hashed. */
function compiledKey(text: string, manifestJson: string, vocabulary: Vocabulary): string {
  return sha256(JSON.stringify([FORMAT, codeVersion(), vocabulary.fingerprint, sha256(manifestJson), sha256(text)]));
}

export type CompiledState = 'fresh' | 'stale' | 'damaged' | 'missing';

/** Reads a compiled entry: its body when the file is there, of this key and whole; else why not. */
function readCompiled(dir: string, reportId: string, key: string): { state: 'fresh'; body: CompiledBody } | { state: Exclude<CompiledState, 'fresh'> } {
  let raw: string;
  try {
    raw = readFileSync(join(dir, `${reportId}.json`), 'utf8');
  } catch {
    return { state: 'missing' };
  }
  const newline = raw.indexOf('\n');
  if (newline < 0) return { state: 'damaged' };
  let header: unknown;
  try {
    header = JSON.parse(raw.slice(0, newline));
  } catch {
    return { state: 'damaged' };
  }
  if (!isHeader(header) || header.report !== reportId) return { state: 'damaged' };
  if (header.format !== FORMAT || header.key !== key) return { state: 'stale' };
  const text = raw.slice(newline + 1);
  if (sha256(text) !== header.body) return { state: 'damaged' };
  try {
    const body = JSON.parse(text) as unknown;
    return body !== null && typeof body === 'object' ? { state: 'fresh', body: body as CompiledBody } : { state: 'damaged' };
  } catch {
    return { state: 'damaged' };
  }
}

function isHeader(h: unknown): h is Header {
  if (h === null || typeof h !== 'object') return false;
  const { format, report, key, body } = h as Record<string, unknown>;
  return typeof format === 'number' && typeof report === 'string' && typeof key === 'string' && typeof body === 'string';
}

/** Writes a compiled entry whole (a temporary file of its own renamed over the old one), so a reader never sees half of one. */
function writeCompiled(dir: string, reportId: string, key: string, entry: { report: Report; facts: Facts; search: SearchIndex }): void {
  const body = JSON.stringify({ report: entry.report, facts: entry.facts, search: searchIndexToJson(entry.search) } satisfies CompiledBody);
  const header: Header = { format: FORMAT, report: reportId, key, body: sha256(body) };
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${reportId}.json`);
  // two processes may compile the same report at once (replicas on one volume): each its own temporary file, the last rename wins, both whole
  const tmp = `${file}.${randomUUID()}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(header)}\n${body}`, { flag: 'wx' });
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** One report with its facts and its own search index: a question about one force searches only its reports. */
export interface ReportEntry {
  report: Report;
  facts: Facts;
  search: SearchIndex;
  /** the report's terms by length, for typo correction */
  termsByLength: Map<number, string[]>;
  /** each area for improvement's terms, by its text: a question naming no area is matched against them all */
  improvementTerms: Map<string, Set<string>>;
}

/** Builds a report's entry: facts, search index and terms (pure). */
export function buildEntry(report: Report, vocabulary: Vocabulary): ReportEntry {
  const facts = extractFacts(report);
  return entryOf(report, facts, buildSearchIndex([{ report, facts }], vocabulary), vocabulary);
}

function entryOf(report: Report, facts: Facts, search: SearchIndex, vocabulary: Vocabulary): ReportEntry {
  const improvementTerms = new Map(facts.improvements.map((i) => [i.text, new Set(contentTerms(i.text, vocabulary))]));
  return { report, facts, search, termsByLength: termsByLength(search.terms), improvementTerms };
}

/**
 * Loads the reports of one compiled folder: each report's entry from its compiled file when that is
 * fresh and whole, else parsed, indexed and written there for next time. A folder that cannot be
 * written costs only the saving (told once through `onWarn`), never the answer.
 */
export class Compiler {
  /** the error codes already told: one warning each, not one per report */
  private readonly told = new Set<string>();

  constructor(
    readonly dir: string,
    private readonly vocabulary: Vocabulary,
    private readonly onWarn: (message: string) => void = () => {},
  ) {}

  entry(c: CorpusEntry): ReportEntry {
    return this.load(c, this.read(c)).entry;
  }

  /** A report's facts: read from its compiled file when fresh (no index loaded), else compiled now. */
  facts(c: CorpusEntry): Facts {
    const read = this.read(c);
    return read.found.state === 'fresh' ? read.found.body.facts : this.load(c, read).entry.facts;
  }

  /** Whether a report's compiled file is fresh, stale, damaged or missing (for `npm run corpus`). */
  state(c: CorpusEntry): CompiledState {
    return this.read(c).found.state;
  }

  /**
   * Loads a report's entry (every part of a fresh file checked against the report, as a question
   * would load it) and compiles it again when that fails; `state` is the file's state before.
   */
  compile(c: CorpusEntry): { state: CompiledState; compiled: boolean } {
    const read = this.read(c);
    return { state: read.found.state, compiled: this.load(c, read).compiled };
  }

  private read(c: CorpusEntry) {
    const text = c.read();
    const key = compiledKey(text, JSON.stringify(c.manifest), this.vocabulary);
    return { text, key, found: readCompiled(this.dir, c.manifest.id, key) };
  }

  private load(c: CorpusEntry, { text, key, found }: ReturnType<Compiler['read']>): { entry: ReportEntry; compiled: boolean } {
    if (found.state === 'fresh') {
      try {
        const { report, facts } = found.body;
        return { entry: entryOf(report, facts, loadSearchIndex(found.body.search, [{ report, facts }], this.vocabulary), this.vocabulary), compiled: false };
      } catch {
        // whole, but not the index of this report: damaged in a way the hash could not see, so rebuilt below
      }
    }
    const entry = buildEntry(c.parse(text), this.vocabulary);
    this.write(c.manifest.id, key, entry);
    return { entry, compiled: true };
  }

  private write(id: string, key: string, entry: ReportEntry): void {
    try {
      writeCompiled(this.dir, id, key, entry);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      if (this.told.has(code)) return;
      this.told.add(code);
      this.onWarn(`Compiled reports: cannot write ${this.dir} (${code}); a report that cannot be saved there is parsed each time it is loaded`);
    }
  }
}

/** Each report's compiled file and whether it is fresh (for `npm run corpus`). */
export function compiledStatus(opts: { corpusDir: string; intentsDir: string; compiledDir: string }): { id: string; file: string; state: CompiledState }[] {
  const compiler = new Compiler(opts.compiledDir, loadVocabulary(opts.intentsDir));
  return listCorpus(opts.corpusDir).map((c) => ({ id: c.manifest.id, file: join(opts.compiledDir, `${c.manifest.id}.json`), state: compiler.state(c) }));
}

/**
 * Compiles every report whose entry does not load (`npm run corpus -- --compile`, the image build);
 * a folder that cannot be written is an error here. `state` is each entry's state before.
 */
export function compileAll(opts: { corpusDir: string; intentsDir: string; compiledDir: string }): { id: string; file: string; state: CompiledState; compiled: boolean }[] {
  const compiler = new Compiler(opts.compiledDir, loadVocabulary(opts.intentsDir), (message) => {
    throw new PeelError('COMPILE_FAILED', message);
  });
  return listCorpus(opts.corpusDir).map((c) => ({ id: c.manifest.id, file: join(opts.compiledDir, `${c.manifest.id}.json`), ...compiler.compile(c) }));
}
