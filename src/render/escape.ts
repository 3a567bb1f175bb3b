/**
 * Escaping for Slack mrkdwn. Slack treats only `&`, `<` and `>` as control characters; user text
 * shown unescaped could re-broadcast `<!channel>` or `<@U…>`, or hide a link behind a label.
 */

/** `&`, `<`, `>` → `&amp;`, `&lt;`, `&gt;`; nothing else changes. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Cuts already-escaped text to at most `max` characters, ending in "…", at a word boundary when
 * one is near, and never inside an entity such as `&amp;`.
 */
export function cutText(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  let head = text.slice(0, max - 1);
  const space = head.search(/\s\S*$/);
  if (space > max * 0.8) head = head.slice(0, space);
  head = head.replace(/&[a-z]*$/, '').trimEnd();
  return { text: `${head}…`, cut: true };
}

/** Slack's plain_text fields (button labels, titles) have their own limits and no markup. */
export function cutPlain(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
