/**
 * Generated blocks inside hand-written Markdown: the text between a start and an end marker
 * belongs to a generator, which replaces it and nothing else. Pure.
 */

/** The text between the markers, or undefined when `text` lacks them in that order. */
export function betweenMarkers(text: string, start: string, end: string): string | undefined {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from + start.length);
  return from < 0 || to < 0 ? undefined : text.slice(from + start.length, to);
}

/** `text` with what lies between the markers replaced by `block`, set off by blank lines; throws naming `file` when a marker is missing. */
export function withBetweenMarkers(text: string, start: string, end: string, block: string, file: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from + start.length);
  if (from < 0 || to < 0) throw new Error(`${file} lacks the markers ${start} ... ${end}`);
  return `${text.slice(0, from + start.length)}\n\n${block}\n\n${text.slice(to)}`;
}
