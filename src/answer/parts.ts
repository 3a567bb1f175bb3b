/**
 * A message read into the questions it asks: split at a question mark followed by more, at a comma
 * or dash before a question of its own, at "and" before a question word; a remark about the person
 * ("need it for an explainer box") set aside, a claim ("I heard it went up") kept.
 */
import { stripSlackMarkup } from '../search/markup.js';
import { REFERENCE } from './classify.js';
import { asksWhy, OCCASION_FIRST } from './types.js';

/** The questions a message asks: split at a question mark followed by more, and at "and" before a question word; filler parts dropped. */
export function questionParts(message: string): string[] {
  const plain = stripSlackMarkup(message).replace(/\s+/g, ' ').trim();
  const pieces = piecesOf(plain);
  // a part with no word of its own to ask about ("right?", "a colleague thinks so", "cheers") is not a question;
  // a bare "why?" or "how come?" asks about the part before it
  const asking: string[] = [];
  for (const p of pieces) {
    const short = p.split(/\s+/).length;
    // "… why?", "what were the main problems?" ask for the reasons of the part before; "is that right?" puts it as a claim
    if (asking.length && ((short <= 6 && asksWhy(p.toLowerCase())) || (short <= 4 && /\b(?:right|true|correct|so|accurate|yeah|yes)\b/i.test(p)))) asking[asking.length - 1] += ` ${p}`;
    // a later part asks only when it opens with a question word ("£ ballpark is fine" does not)
    // ("the phone-investigation team thing - when did it start": a question asked after a remark)
    else if (asking.length === 0 || OPENS_QUESTION.test(p) || ASKS_DIRECTLY.test(p)) asking.push(p);
  }
  return asking.length ? asking : [plain];
}

/** A piece of a message that opens with a question word asks something of its own. */
const OPENS_QUESTION = /^(?:\W*)(?:what|what's|whats|when|who|who's|how|why|where|which|is|was|did|does|do|are|were|has|have|can|could|will|would|should|any|and|per|list|give|tell)\b/i;

/** A message's pieces: split at a question mark followed by more, and at "and" before a question word. */
function piecesOf(plain: string): string[] {
  return plain
    // (a part keeps its question mark: "we got good?" puts a claim)
    .split(/(?<=\?)\s+(?=\S)/)
    .flatMap((p) => p.split(/(?:,\s*|\s+-\s+|\s+)(?:and|also|plus|\+|&)\s+(?=(?:what|what's|whats|when|who|who's|how|why|where|which|is|was|did|does|do|are|were|has|have|can|any)\b)|\s+\+\s+/i))
    // "what's the ICMT, when was it set up": a question asked after a comma or a dash, when what stands before it asks too
    .flatMap((p) => splitAsked(p))
    .map((p) => p.replace(/^(?:and|also|plus|&)\s+/i, '').trim())
    .filter((p) => p.length > 0);
}

/** A piece split where a question asked directly follows a comma or a dash ("…, when was it set up"), when the piece opens with a question itself. */
function splitAsked(piece: string): string[] {
  // ("when someone rings 999, how do call handlers decide …": a clause of time or condition before the question is part of it)
  if (!OPENS_QUESTION.test(piece) || OCCASION_FIRST.test(piece.toLowerCase())) return [piece];
  const out: string[] = [];
  let rest = piece;
  for (;;) {
    const m = /(?:,\s*|\s+[-–—]\s+)(?=(?:(?:and|roughly|approximately|also|then)\s+){0,2}(?:what|when|who|why|where|which|how)(?:'s)?\s)|\s+[-–—]\s+(?=(?:is|are|was|were|does|do|did|has|have|can)\s+(?:the|there|their|our|these|those)\s)/i.exec(rest);
    const after = m ? rest.slice(m.index + m[0].length) : '';
    const asked = after.replace(/^(?:and\s+)?(?:roughly|approximately|also|then)\s+/i, '');
    // (what stands before must be a question of its own: "were asking - what does …" is its frame)
    // (a yes/no question after a dash, "… - is the THRIVE thing applied properly?", asks directly by its opening auxiliary)
    const yesNo = /^(?:is|are|was|were|does|do|did|has|have|can)\s/i.test(asked);
    if (!m || rest.slice(0, m.index).trim().split(/\s+/).length < 3 || !(OPENS_QUESTION.test(asked) && (yesNo || ASKS_DIRECTLY.test(asked) || /^(?:what|which|how)\s+(?:share|proportion|percentage|number|rate|\w+ of)\b/i.test(asked)))) break;
    out.push(rest.slice(0, m.index));
    rest = asked;
  }
  return [...out, rest];
}

/**
 * A remark after a question: a statement of four words or more, with no question mark, no number
 * and no claim put to be checked ("heard it went up 2%", "I think ours was double digits") —
 * "need it for an explainer box", "this is literally every friday night in our patch".
 */
const CLAIMING = /\b(?:think|thought|heard|hear|told|says?|said|claims?|reckons?|guess\w*|sure|believe|apparently|supposedly|right|correct|true|wrong)\b/i;

/** A question asked directly inside a piece: a question word and its auxiliary ("- when did it start", "how much has it cut"), not an embedded one ("no idea what it is"). */
const ASKS_DIRECTLY = /\b(?:what|when|who|why|where|which|how(?: much| many| long| often| far)?)\s+(?:is|are|was|were|did|do|does|has|have|had|can|could|will|would|should)\b/i;

/** A piece that says only who asked ("a reporter asked", "my boss wants to know", "residents keep asking"): why the question comes, not what it asks. */
const WHO_ASKED = /^\W*(?:(?:a|an|the|my|our|one of (?:my|our|the))\s+)?(?:[a-z-]+\s+){0,2}(?:asked(?: me| us)?(?: this| that)?|asks|(?:was|is|are|were|keeps?|kept|(?:ha(?:ve|s) )?been) asking(?: me| us)?|wants to know|wanted to know|wondered|was wondering)\W*$/i;

/** A piece that says how exact the answer need be ("ballpark fine", "rough figure is ok"): how to answer, not what. */
const PRECISION_OK = /^\W*(?:(?:a|an|the)\s+)?(?:ballpark|rough(?:ly)?|approx(?:imate(?:ly)?)?|estimates?|round(?:ed)?)(?:\s+(?:figures?|numbers?|answer|estimate|is|are|'s|would be|will be))*\s+(?:fine|ok|okay|good|enough|do)\W*$/i;

function isRemark(piece: string): boolean {
  if (WHO_ASKED.test(piece) || PRECISION_OK.test(piece)) return true;
  return !OPENS_QUESTION.test(piece) && !ASKS_DIRECTLY.test(piece) && !asksWhy(piece.toLowerCase()) && !piece.includes('?') && !/\d/.test(piece.replace(REFERENCE, ' ')) && piece.split(/\s+/).length >= 3 && !CLAIMING.test(piece) && /\b(?:i|i'm|im|we|we're|we've|our|us|my|me|you|u|it|it's|its|thats|that's|this|they|they're|people|everyone|always|never|feels?|need|want|trying|saw|seen|no idea|not sure|dunno)\b/i.test(piece);
}

/** The message without the remarks that follow its first question, or null when it has none. */
export function withoutRemarks(message: string): string | null {
  const plain = stripSlackMarkup(message).replace(/\s+/g, ' ').trim();
  const remarks = piecesOf(plain).filter((p, i) => i > 0 && isRemark(p));
  // (cut out of the message, not the pieces joined: "… and whats the rate" keeps its "and")
  return remarks.length ? remarks.reduce((text, r) => text.replace(r, ' '), plain).replace(/\s+/g, ' ').trim() : null;
}
