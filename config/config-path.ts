/**
 * One style for every config path a problem names, its own and any other it refers to: the way a
 * reader finds it in the JSON file, `environments.prod.aws.regions[0].cidr`.
 */
export function formatPath(segments: readonly PropertyKey[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? String(s) : `.${String(s)}`)).join('');
}
