/**
 * JSON written exactly as `JSON.stringify(value, null, 2)` writes it, with the path of the value
 * that starts on each line, so a diagnostic Terraform reports at a line of the file can be traced
 * back to the attribute it is about. Pure.
 */

/** A path into JSON: object keys and array indexes. */
export type JsonPath = readonly (string | number)[];

/** The text, and the path of the value whose key (or item) opens each 1-based line. */
export interface JsonWithLines {
  readonly text: string;
  pathAt(line: number): JsonPath | undefined;
}

export function stringifyWithLines(value: unknown): JsonWithLines {
  const paths: JsonPath[] = [[]];
  const write = (item: unknown, indent: string, path: JsonPath): string => {
    if (item === null || typeof item !== 'object') return JSON.stringify(item) ?? 'null';
    const inner = `${indent}  `;
    const entries: [string | number, unknown][] = Array.isArray(item)
      ? item.map((v, i) => [i, v])
      : Object.entries(item as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return Array.isArray(item) ? '[]' : '{}';
    const parts = entries.map(([key, v]) => {
      paths.push([...path, key]);
      const prefix = typeof key === 'number' ? inner : `${inner}${JSON.stringify(key)}: `;
      return prefix + write(v, inner, [...path, key]);
    });
    const [open, close] = Array.isArray(item) ? ['[', ']'] : ['{', '}'];
    return `${open}\n${parts.join(',\n')}\n${indent}${close}`;
  };
  // Each pushed path opens one line, in order; values written over several lines push their
  // own children as they go, so the paths array follows the text line by line.
  const lineOf: JsonPath[] = [];
  const text = write(value, '', []);
  let next = 0;
  for (const line of text.split('\n')) {
    const closesOnly = /^\s*[\]}],?$/.test(line);
    lineOf.push(closesOnly ? lineOf[lineOf.length - 1] : paths[next++]);
  }
  return { text, pathAt: (line) => lineOf[line - 1] };
}

/** The value at a path, removed from `root` in place; true when there was one. */
export function removeAt(root: unknown, path: JsonPath): boolean {
  let parent = root as Record<string | number, unknown> | undefined;
  for (const key of path.slice(0, -1)) parent = parent?.[key] as Record<string | number, unknown> | undefined;
  const last = path[path.length - 1];
  if (!parent || !(last in parent)) return false;
  if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return true;
}
