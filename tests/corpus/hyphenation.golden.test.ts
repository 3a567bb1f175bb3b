import { describe, expect, it } from 'vitest';
import { seed } from './seed.js';

/**
 * Golden hyphenation: how words and web addresses split or hyphenated in report.txt read in the
 * parsed text, each with its reason. The parser decides with the words that occur whole elsewhere
 * in the text, never with a list; this list only checks it.
 */
const CASES: { expect: string; not?: string; lines: string; why: string }[] = [
  // line-end splits of hyphenated words: the hyphen is real, so it stays and no space is added
  { expect: 'good problem-solving and crime prevention', not: 'problemsolving', lines: '440-441', why: '"problem-" ends line 440; "problem-solving" stands whole on lines 89, 97, 468 …' },
  { expect: 'to prevent crime and anti-social behaviour, ensuring', not: 'antisocial', lines: '451-452', why: '"anti-" ends line 451; "anti-social" stands whole throughout' },
  // in-line hyphens the text wrote: kept
  { expect: 'other statutory and non-statutory bodies', lines: '348', why: 'a real compound, written with its hyphen inside the line' },
  { expect: 'problem-oriented partnership (POP) co-ordinators', lines: '481', why: 'two real compounds on one line' },
  { expect: 'we did not find a co-ordinated approach', lines: '507', why: '"co-ordinated" as written; the text also has "coordinated" (line 509), kept apart' },
  { expect: 'good prevention work coordinated at a force level', lines: '509', why: 'the unhyphenated spelling stays unhyphenated: both forms are the report’s own' },
  { expect: 'partner organisations to prevent re-offending', lines: '49', why: '"re-offending" is written with a hyphen; "reoffending" (footnote 9) is not' },
  { expect: 'crime and reoffending threats', lines: '893', why: 'footnote 9 writes "reoffending" whole; no hyphen is invented' },
  { expect: 'monthly multi-agency meetings', lines: '489', why: 'a real compound' },
  { expect: 'on a case-by-case basis', lines: '489', why: 'a compound of three words keeps both hyphens' },
  { expect: 'Caution - youths', lines: '713', why: 'a spaced hyphen in a table label is the report’s, not a split' },
  { expect: 'Anti–social Behaviour, Crime and Policing Act 2014', lines: '602', why: 'footnote 3’s en dash is a real character, kept (the body writes "Anti-Social", line 577)' },
  { expect: 'crime (e.g. theft) and non victim-based crime', lines: '360-361', why: '"and" ends line 360, "non victim-based" opens 361: an ordinary space, nothing joined' },
  // web addresses split at a line end: joined without a space, hyphens and underscores kept
  { expect: 'www.justiceinspectorates.gov.uk/hmic/publications/police-effectiveness-vulnerability-2015-cleveland/)', lines: '334-335', why: 'footnote 2’s address breaks after "effectiveness-"' },
  { expect: 'www.justiceinspectorates.gov.uk/hmic/publications/police-effectiveness-vulnerability-2015-cleveland/', lines: '1013-1014', why: 'footnote 11’s address breaks after "vulnerability-"' },
  { expect: 'attachment_data/file/254459/code-of-practice-victims-of-crime.pdf', lines: '815-816', why: 'footnote 8’s address breaks after "practice-"' },
  { expect: 'www.justiceinspectorates.gov.uk/hmic/wp-content/uploads/regional-organised-crime-units.pdf', lines: '1190-1191', why: 'footnote 18’s address breaks after "organised-"' },
  { expect: 'file/417116/The_Strategic_Policing_Requirement.pdf', lines: '1085-1086', why: 'footnote 16’s address breaks inside a word ("Policin" / "g_Requirement"): no space, no hyphen' },
  { expect: 'file/371602/Serious_and_Organised_Crime_local_profiles.pdf', lines: '1148-1149', why: 'footnote 17’s address breaks inside "Organis" / "ed"' },
  { expect: 'file/248645/Serious_and_Organised_Crime_Strategy.pdf', lines: '1240-1241', why: 'footnote 20’s address breaks inside "Organis" / "ed"' },
  // headings wrapped over lines join with a space
  { expect: 'How effective is the force at preventing crime and anti-social behaviour, and keeping people safe?', lines: '342-343', why: 'a heading wrapped before "anti-social" joins with a space' },
];

describe('golden hyphenation (checked by hand)', () => {
  const { report } = seed();
  const texts = [...report.blocks.map((b) => b.text), ...report.footnotes.map((f) => f.text), ...report.sections.map((s) => s.title)];
  const all = texts.join('\n');

  it.each(CASES)('lines $lines: "$expect" ($why)', ({ expect: wanted, not }) => {
    expect(texts.some((t) => t.includes(wanted))).toBe(true);
    if (not) expect(all).not.toContain(not);
  });

  it('has at least 15 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(15);
  });

  it('leaves no line-end hyphen followed by a space, and no address broken by a space', () => {
    expect(all).not.toMatch(/\p{L}- \p{Ll}/u);
    expect(all).not.toMatch(/(?:www\.|\/)\S*[-_] /);
  });
});
