/**
 * A claim about a figure checked against it ("ASB went up 10%, right?", "more than double the national rate?"):
 * the change a question asks about or claims, in the words English says it with, and yes or no to the claim.
 */
import type { Metric } from '../facts/index.js';
import { digitsOf } from './facts.js';

/** Verbs English tells a rise with, beyond "rise" and "increase": "jumped", "climbing", "soared", "shot up". */
const RISE_WORDS = 'jump(?:s|ed|ing)?|climb(?:s|ed|ing)?|soar(?:s|ed|ing)?|surg(?:e|es|ed|ing)|spik(?:e|es|ed|ing)|rocket(?:s|ed|ing)?|shot up|gr(?:ow|ows|owing|ew|own)';
/** Verbs English tells a fall with, beyond "fall" and "decrease": "cut", "plummeted", "dipped", "shrank". */
const FALL_WORDS = 'cut(?:s|ting)?|plummet(?:s|ed|ing)?|plung(?:e|es|ed|ing)|slump(?:s|ed|ing)?|dip(?:s|ped|ping)?|tumbl(?:e|es|ed|ing)|shr(?:ink|inks|inking|ank|unk)';

/** A question about a change: "has it gone down?", "trend since 2010", "how much did it jump". */
export const CHANGE_ASKED = new RegExp(`\\b(?:up|down|rise|rose|risen|fall|fell|fallen|drop\\w*|increas\\w*|decreas\\w*|reduc\\w*|change\\w*|trend|before|previous|last year|earlier|since|better|worse|improv\\w*|${RISE_WORDS}|${FALL_WORDS})\\b`);

/** "how much did it jump?", "by how much has it fallen": the size of a change, which the reports give in percent. */
export const CHANGE_SIZE_ASKED = new RegExp(`\\bby how much\\b|\\bhow much\\b.*\\bby\\b|\\b(?:reduced|increased|fell|rose|cut|dropped|grew) by\\b|\\bhow much (?:did|has|have|had|does|do)\\b.*\\b(?:go (?:up|down)|gone (?:up|down)|went (?:up|down)|ris(?:e|en)|rose|f(?:a|e)ll(?:en)?|drop(?:ped)?|increas\\w*|decreas\\w*|reduc\\w*|chang\\w*|${RISE_WORDS}|${FALL_WORDS})\\b`);

const UP = new RegExp(`\\b(?:up|rise|rose|risen|rising|increas\\w*|more|higher|doubled?|${RISE_WORDS})\\b`);

const DOWN = new RegExp(`\\b(?:down|fall|fell|fallen|falling|drop\\w*|reduc\\w*|decreas\\w*|fewer|less|lower|${FALL_WORDS})\\b`);

/** True unless the question claims a rise or a fall and the figure's sentence tells of neither (one it tells the other way is answered "no"). */
export function saysDirectionClaimed(m: Metric, plain: string): boolean {
  const claimsUp = UP.test(plain) && !DOWN.test(plain);
  const claimsDown = DOWN.test(plain) && !UP.test(plain);
  if (!claimsUp && !claimsDown) return true;
  const sentence = `${m.label} ${m.citations.map((c) => c.quote).join(' ')}`.toLowerCase();
  return UP.test(sentence) || DOWN.test(sentence);
}

/**
 * Yes or no to a claim about a figure ("ASB went up 2%, right?"): the claimed number against the
 * figure's own value, the claimed direction against the words of its sentence. The figure follows.
 */
export function metricVerdict(m: Metric, plain: string, claimed: string[]): string {
  const own = [m.value.text, m.comparator?.text, m.earlier?.text].filter((x): x is string => !!x).flatMap(digitsOf);
  const sentence = `${m.label} ${m.citations.map((c) => c.quote).join(' ')}`.toLowerCase();
  const saysUp = UP.test(sentence) && !DOWN.test(sentence);
  const saysDown = DOWN.test(sentence) && !UP.test(sentence);
  const claimsUp = UP.test(plain) && !DOWN.test(plain);
  const claimsDown = DOWN.test(plain) && !UP.test(plain);
  const wrongDirection = (claimsUp && saysDown) || (claimsDown && saysUp);
  const numberClaimed = claimed.length > 0;
  const numberRight = numberClaimed && claimed.some((n) => digitsOf(m.value.text).includes(n));
  const numberElsewhere = numberClaimed && !numberRight && claimed.some((n) => own.includes(n));
  const ratio = ratioVerdict(m, plain);
  if (ratio) return ratio;
  if (wrongDirection) return 'No: the report says otherwise. ';
  // (a number claimed as a rise is not confirmed by a sentence that tells of no rise)
  if (numberRight && !saysDirectionClaimed(m, plain)) return '';
  if (numberRight) return 'Yes. ';
  if (numberElsewhere) return 'Not quite: that number is the other figure here. ';
  if (numberClaimed) return 'No: the report gives a different figure. ';
  return '';
}

/** A multiple claimed of the national figure: "more than double the national rate", "half the E&W level", "about three times". */
const RATIO_CLAIMED = /\b(?:(more than|over|at least|less than|under|nearly|almost|about|around|roughly)\s+)?(double|twice|two times|treble|triple|three times|four times|half)\b/;
const FACTORS: Record<string, number> = { double: 2, twice: 2, 'two times': 2, treble: 3, triple: 3, 'three times': 3, 'four times': 4, half: 0.5 };

/** Yes or no to a multiple of the England and Wales figure the question claims, worked out from the two values; '' when none is claimed. */
function ratioVerdict(m: Metric, plain: string): string {
  const claim = RATIO_CLAIMED.exec(plain);
  if (!claim || !m.comparator || m.comparator.number === 0) return '';
  const factor = FACTORS[claim[2]!]!;
  const ratio = m.value.number / m.comparator.number;
  const bound = claim[1] ?? '';
  // (a bare multiple is right within a tenth of it: 76.4 against 32.9 is "more than double", not "double")
  const right = /more|over|least/.test(bound) ? ratio > factor : /less|under|nearly|almost/.test(bound) ? ratio < factor : Math.abs(ratio / factor - 1) <= 0.1;
  return right ? 'Yes. ' : `No: ${m.value.text} against ${m.comparator.text} is ${ratio > factor ? 'more' : 'less'} than that. `;
}
