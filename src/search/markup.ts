/**
 * A question as typed, made plain text: Slack markup (mentions, links, emoji codes), compatibility
 * characters, control characters and curly apostrophes out, so that every later step reads words.
 */

/** Slack markup in a question — mentions, channel links, links — as plain words (or nothing). */
export function stripSlackMarkup(text: string): string {
  return text
    .replace(/<(?:https?|mailto):[^|>]*\|([^>]*)>/g, ' $1 ')
    // a channel link names where to post, not what is asked; so does the posting said with it
    // ("posting in <#C…|leads>", "cross-posting from <#C…|stats>", "sharing this in <#C…>", "cc <#C…>")
    .replace(/(?:\b(?:(?:cross|x)-?)?(?:re)?(?:post|posts|posted|posting|shar(?:e|es|ed|ing)|cop(?:y|ied|ying)|forward(?:s|ed|ing)?|cc)\s+(?:(?:this|it|that|here)\s+)?)?(?:\b(?:over\s+)?(?:in|into|from|to|on|at)\s+)?<#[A-Z0-9]+(?:\|[^>]*)?>/gi, ' ')
    .replace(/<[@!#][^>]*>/g, ' ')
    .replace(/<(?:https?|mailto):[^>]*>/g, ' ')
    // Slack's emphasis around words (*bold*, _italic_, ~struck~) stresses what is asked, it is not part of a word:
    // "what does *requires improvement* mean" asks about the words inside
    .replace(/(^|[\s("'“‘])([*_~])(?=[^\s*_~])([^*_~\n]*?[^\s*_~])\2(?=$|[\s)"'”’.,!?:;-])/g, '$1$3')
    // emoji codes (:thumbsup:, :face_with_raised_eyebrow:) say nothing the report can answer
    .replace(/(^|[\s(]):[a-z0-9_+'-]+:(?::skin-tone-\d:)?(?=$|[\s).,!?])/gi, '$1 ');
}

/** A question as plain text: markup out, compatibility forms folded, control and direction characters out, curly apostrophes straight. */
export function plainQuestion(question: string): string {
  return stripSlackMarkup(question)
    .normalize('NFKC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ')
    .replace(/[‘’]/g, "'");
}

/** A question without a tag that asks to confirm ("…, right?", "- correct?", "yeah?"): how a claim is put, not what it claims. */
export function withoutConfirmTag(text: string): string {
  return text.replace(/[\s,;:-]+(?:right|correct|true|yeah|yes|yep|innit|no|legit|accurate|really)\s*[?!.]*\s*$/i, ' ');
}
