/**
 * "what does the acronym SAR mean?": an abbreviation spelt out is not yet what it is. Where a footnote or Annex A
 * says what the thing is ("A suspicious activity report (SAR) is a piece of information which …"), a question
 * asking what the abbreviation means gets that sentence too; one asking only what it stands for does not.
 */
import { type Passage } from '../search/index.js';
import type { Knowledge } from '../library/knowledge.js';

/** What a term is said to be: the sentence of a footnote or Annex A that opens with the abbreviation or its expansion and says something of it. */
export function definingSentence(kb: Knowledge, abbreviation: string, expansion: string): { passage: Passage; sentence: string } | null {
  const subject = new RegExp(`^(?:an? |the )?(?:${namesOf(abbreviation, expansion).join('|')})(?: \\(${abbreviation}s?\\))?\\s+(?:is|are|was|were|means?|refers?|describes?|brings?|provides?|covers?|includes?|outlines?|involves?|consists?|comprises?|sets? out|aims?)\\b`, 'i');
  for (const entry of kb.byId.values()) {
    for (const passage of entry.search.passages.values()) {
      if (passage.kind !== 'footnote' && !passage.chapter.startsWith('annex')) continue;
      const sentence = entry.search.sentences(passage.id).find((s) => subject.test(s.text.trim()));
      if (sentence) return { passage, sentence: sentence.text.trim() };
    }
  }
  return null;
}

/** The abbreviation and its expansion as a sentence may name them: either number, its words as written. */
function namesOf(abbreviation: string, expansion: string): string[] {
  const words = expansion.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').split(/\s+/);
  const last = words.pop()!.replace(/(?:es|s)$/, '');
  return [`${abbreviation}s?`, `${[...words, last].join('\\s+')}(?:e?s)?`];
}
