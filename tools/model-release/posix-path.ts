/**
 * Resource names as the reference writes and sorts them: POSIX paths relative to the model root,
 * ordered as Python's `PurePosixPath` orders them (sigstore/model-transparency
 * `Manifest.resource_descriptors`, `sorted(...)`).
 */

/** Compares two strings by Unicode code point, as Python compares `str`s (JS `<` compares UTF-16 units). */
function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = left[i].codePointAt(0)! - right[i].codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

/**
 * Orders paths component by component, each by code point: `a/b` sorts before `a.txt`, because
 * the component `a` is a prefix of `a.txt` (a plain string sort puts `.` (0x2e) before `/` (0x2f)).
 */
export function comparePosixPaths(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = compareCodePoints(left[i], right[i]);
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

/** Whether `name` is a normalized relative POSIX path that stays inside the model root. */
export function isModelRelativePath(name: string): boolean {
  if (name === '' || name.startsWith('/') || name.includes('\0')) return false;
  return name.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/**
 * An ignore entry as the reference applies it: joined to the model root without resolving `..`,
 * then matched textually against the walked paths (`hashing.Config.hash`, `should_ignore`). So
 * `./a/` is `a`; an absolute entry or one with a `..` component matches nothing (`undefined`);
 * `` and `.` name the root itself (`''`).
 */
export function normalizeIgnorePath(entry: string): string | undefined {
  if (entry.startsWith('/')) return undefined;
  const parts = entry.split('/').filter((part) => part !== '' && part !== '.');
  return parts.includes('..') ? undefined : parts.join('/');
}

/** Whether `name` is `ignored` or lies under it (the reference's `Path.is_relative_to`). */
export function isUnder(name: string, ignored: string): boolean {
  return name === ignored || name.startsWith(`${ignored}/`);
}
