import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { readValidatedJson } from '../corpus/json.js';
import { english, type English } from '../words/english.js';
import { PhraseIndex, wordsOf } from './phrases.js';

/**
 * intents/: the data that turns people's words into the report's words — intents with their cue
 * words and examples, area aliases, acronyms, spellings and synonyms. Adding a synonym is a data
 * change; a bad file stops start-up naming the file and the field.
 */

/** The kinds of question peel-bot answers; `none` is a question the report does not answer. Defined here, the first room that reads them (intents.json). */
export const INTENTS = ['judgment', 'metric', 'improvement', 'passage', 'overview', 'help', 'none'] as const;
export type Intent = (typeof INTENTS)[number];
/** What a command or button may ask for outright (`/peel grades`, `/peel metric …`): not a search of the prose, not a decline. */
export type ForcedIntent = Exclude<Intent, 'passage' | 'none'>;

const IntentsFileSchema = z
  .object({
    intents: z
      .array(
        z
          .object({
            // every intent but none, which is what is left when no cue fits and the report does not answer
            name: z.enum(INTENTS).exclude(['none']),
            description: z.string().min(1),
            examples: z.array(z.string().min(1)).min(1),
            cues: z.array(z.string().min(1)),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

const AreasFileSchema = z
  .object({
    overall: z.object({ aliases: z.array(z.string().min(1)).min(1) }).strict(),
    areas: z
      .array(
        z
          .object({
            name: z.string().min(1),
            /** a word of the report's main-question heading that identifies the question */
            matches: z.string().min(1),
            aliases: z.array(z.string().min(1)).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

const VocabularyFileSchema = z
  .object({
    acronyms: z.record(z.string().min(1), z.string().min(1)),
    spellings: z.record(z.string().min(1), z.string().min(1)),
    /** people's word → the report's: one phrase ("organised crime groups"), or alternatives any one of which will do ("reduction|fewer|fell") */
    synonyms: z.record(z.string().min(1), z.string().min(1)),
    forces: z.array(z.string().min(1)),
    pillars: z.array(z.string().min(1)),
    stopwords: z.array(z.string().min(1)),
    /** how people frame a question ("which page says", "a colleague says", "is it true that"): removed before its words are read */
    frames: z.array(z.string().min(1)),
  })
  .strict();

export type IntentSpec = z.infer<typeof IntentsFileSchema>['intents'][number];
export type AreaSpec = z.infer<typeof AreasFileSchema>['areas'][number];

/** Where an area alias or the overall judgment is named. */
export type AreaRef = AreaSpec | 'overall';

export interface Vocabulary {
  intents: IntentSpec[];
  areas: AreaSpec[];
  /** the overall question's aliases, lower case ("overall grade", "keeping people safe and reducing crime") */
  overallAliases: string[];
  stopwords: Set<string>;
  /** a hash of the three files' contents: what a compiled report was read with (library/compiled.ts) */
  fingerprint: string;
  /** general English (stopwords-iso, WordNet and its morphy): what a word the reports never use is */
  english: English;
  /** every phrase of the files (acronym → expansion, word → the report's spelling or words, cue →
   * intents, alias → area, force and pillar names), indexed by their words for one pass over a question */
  phrases: {
    spellings: PhraseIndex<string>;
    acronyms: PhraseIndex<string>;
    synonyms: PhraseIndex<string>;
    cues: PhraseIndex<{ intent: IntentSpec['name']; weight: number }[]>;
    areas: PhraseIndex<AreaRef>;
    forces: PhraseIndex<string>;
    pillars: PhraseIndex<string>;
    frames: PhraseIndex<true>;
  };
}

function readJson<T>(dir: string, name: string, schema: z.ZodType<T>): T {
  return readValidatedJson(join(dir, name), schema, 'INTENTS_INVALID', 'intents');
}

/** Reads and validates intents.json, areas.json and vocabulary.json from `dir`. */
export function loadVocabulary(dir: string): Vocabulary {
  const intents = readJson(dir, 'intents.json', IntentsFileSchema);
  const areas = readJson(dir, 'areas.json', AreasFileSchema);
  const vocabulary = readJson(dir, 'vocabulary.json', VocabularyFileSchema);
  const cues = new Map<string, { intent: IntentSpec['name']; weight: number }[]>();
  for (const spec of intents.intents) {
    // passage is what a question is when it is nothing more specific: its cues only document it
    if (spec.name === 'passage') continue;
    for (const cue of spec.cues) {
      const key = cue.toLowerCase();
      // a cue weighs its words as a question is read into words ("tl;dr" is two, as "the gist" is)
      cues.set(key, [...(cues.get(key) ?? []), { intent: spec.name, weight: wordsOf(cue).length }]);
    }
  }
  const areaSpecs = areas.areas.map((a) => ({ ...a, aliases: a.aliases.map((x) => x.toLowerCase()) }));
  const areaEntries: [string, AreaRef][] = [
    ...areas.overall.aliases.map((a): [string, AreaRef] => [a, 'overall']),
    ...areaSpecs.flatMap((a) => a.aliases.map((alias): [string, AreaRef] => [alias, a])),
  ];
  return {
    intents: intents.intents,
    areas: areaSpecs,
    overallAliases: areas.overall.aliases.map((x) => x.toLowerCase()),
    fingerprint: createHash('sha256').update(JSON.stringify([intents, areas, vocabulary])).digest('hex'),
    stopwords: new Set(vocabulary.stopwords.map((s) => s.toLowerCase())),
    english: english(),
    phrases: {
      spellings: new PhraseIndex(Object.entries(vocabulary.spellings)),
      acronyms: new PhraseIndex(Object.entries(vocabulary.acronyms)),
      synonyms: new PhraseIndex(Object.entries(vocabulary.synonyms)),
      cues: new PhraseIndex(cues),
      areas: new PhraseIndex(areaEntries),
      forces: new PhraseIndex(vocabulary.forces.map((f): [string, string] => [f, f])),
      pillars: new PhraseIndex(vocabulary.pillars.map((p): [string, string] => [p, p.toLowerCase()])),
      frames: new PhraseIndex(vocabulary.frames.map((f): [string, true] => [f, true])),
    },
  };
}
