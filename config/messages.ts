/**
 * Problem messages in the config's own terms for the issues zod words generically ("Invalid
 * option", "expected int, received number", "Unrecognized key"). `config/load.ts` passes
 * {@link configErrorMap} to every parse; a message written in the schema wins over it.
 */
import type { $ZodErrorMap, $ZodRawIssue } from 'zod/v4/core';
import { editDistance } from '../constructs/cloud-neutral/edit-distance';

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** What a JSON value is, in the words of {@link TYPE_WORDS}. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number' && !Number.isInteger(value)) return 'a fraction';
  return TYPE_WORDS[typeof value] ?? typeof value;
}

/** `"a", "b" or "c"`. */
function oneOf(values: readonly unknown[]): string {
  const quoted = values.map((v) => JSON.stringify(v));
  return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/**
 * The candidate `word` most likely misspells: the nearest by edit distance, ignoring case, and
 * within a third of the word's length (at least one edit). Undefined when none is that near.
 */
export function closestKey(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: { key: string; distance: number } | undefined;
  for (const key of candidates) {
    const distance = editDistance(word.toLowerCase(), key.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { key, distance };
  }
  return best?.key;
}

/** The keys an object schema declares, read from the schema that raised the issue. */
function declaredKeys(issue: $ZodRawIssue): string[] {
  const shape = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
  return shape ? Object.keys(shape) : [];
}

/** Unknown keys, each with the declared key it most likely misspells, or else the declared keys. */
function unknownKeysMessage(keys: readonly string[], declared: readonly string[]): string {
  const parts = keys.map((key) => {
    const near = closestKey(key, declared);
    return `unknown key ${JSON.stringify(key)}${near ? ` (did you mean ${JSON.stringify(near)}?)` : ''}`;
  });
  const unexplained = keys.some((key) => !closestKey(key, declared));
  return unexplained ? `${parts.join(', ')}; known keys: ${declared.join(', ')}` : parts.join(', ');
}

function sizeMessage(issue: $ZodRawIssue, bound: 'least' | 'most'): string | undefined {
  if (issue.code !== 'too_small' && issue.code !== 'too_big') return undefined;
  const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  switch (issue.origin) {
    case 'number':
      if (issue.inclusive) return `must be ${limit} or ${bound === 'least' ? 'more' : 'less'}`;
      return `must be ${bound === 'least' ? 'more' : 'less'} than ${limit}`;
    case 'array':
      return `must list at ${bound} ${limit} ${limit === 1 ? 'entry' : 'entries'}`;
    case 'string':
      return `must be at ${bound} ${limit} ${limit === 1 ? 'character' : 'characters'} long`;
    default:
      return undefined;
  }
}

/** Zod's generic messages, reworded to say what the config allows at the path. */
export const configErrorMap: $ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `is required (${TYPE_WORDS[issue.expected] ?? issue.expected})`;
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}, not ${describe(issue.input)}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${oneOf(issue.values)}` : `must be one of ${oneOf(issue.values)}`;
    case 'invalid_union':
      // A discriminated union reports its discriminator's path with the values it knows.
      return 'options' in issue && Array.isArray(issue.options) ? `must be one of ${oneOf(issue.options)}` : undefined;
    case 'too_small':
      return sizeMessage(issue, 'least');
    case 'too_big':
      return sizeMessage(issue, 'most');
    case 'unrecognized_keys':
      return unknownKeysMessage(issue.keys, declaredKeys(issue));
    case 'invalid_key': {
      const rule = issue.issues.map((inner) => inner.message).join('; ');
      const what = issue.path?.length === 2 && issue.path[0] === 'environments' ? 'environment name' : 'name';
      return `the ${what} ${JSON.stringify(issue.input)} ${rule}`;
    }
    default:
      return undefined;
  }
};
