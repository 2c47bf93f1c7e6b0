/**
 * The README and every page under docs/ are true to the repository: each command they show names
 * a real npm script or file, each path they name exists, each relative link resolves, and no page
 * refers to work items instead of saying what is.
 */
import { existsSync, readFileSync, readdirSync } from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const PAGES = [
  'README.md',
  'CHANGELOG.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const scripts = Object.keys(
  (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts,
);
const text = (page: string) => readFileSync(path.join(ROOT, page), 'utf8');

/** Shell lines of ```sh blocks and inline code spans, where commands are written. */
function commandSpans(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)].flatMap((m) => m[1].split('\n'));
  const inline = [...markdown.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);
  return [...blocks, ...inline];
}

/** `npm run <script>` and `npm <builtin>` uses in a line. */
export function npmScriptsNamed(line: string): string[] {
  return [...line.matchAll(/\bnpm run ([a-z][\w:-]*)/g)].map((m) => m[1]);
}

/** Repository paths a page names in code spans: `constructs/aws/network.ts`, `tools/bench/`. */
function repoPaths(markdown: string): string[] {
  const roots = /^(?:\.\/)?(config|constructs|stacks|test|tools|docs|\.ci|\.github)\/[\w./-]*$/;
  return [...markdown.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]).filter((p) => roots.test(p) && !/[<>*]/.test(p));
}

/** Relative Markdown links (no scheme, no pure anchor), without their anchor. */
function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1])
    .filter((href) => !/^[a-z]+:/.test(href) && !href.startsWith('#'))
    .map((href) => href.split('#')[0]);
}

describe.each(PAGES)('%s', (page) => {
  const markdown = text(page);

  test('every npm script it shows exists', () => {
    const named = commandSpans(markdown).flatMap(npmScriptsNamed);
    expect(named.filter((s) => !scripts.includes(s))).toEqual([]);
  });

  test('every repository path it names exists', () => {
    expect(repoPaths(markdown).filter((p) => !existsSync(path.join(ROOT, p)))).toEqual([]);
  });

  test('every relative link resolves', () => {
    const dir = path.dirname(path.join(ROOT, page));
    expect(relativeLinks(markdown).filter((href) => !existsSync(path.join(dir, href)))).toEqual([]);
  });

  test('refers to no work item', () => {
    const workItems = /\((?:[a-z-]+ )?issue\)|\bissue #?\d+\b|once the [\w ]+ lands|\bTODO\b|\bFIXME\b/gi;
    expect(markdown.match(workItems) ?? []).toEqual([]);
  });
});

describe('the README', () => {
  const readme = text('README.md');

  test('is short enough to read in a sitting, with the decisive facts first', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(250);
    const order = [
      '## Toolchain status',
      '## Architecture',
      '## Quick start',
      '## Fork in ten minutes',
      '## Commands',
      '## Documentation',
    ];
    const at = order.map((h) => readme.indexOf(h));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  test('links every reference page under docs/', () => {
    const linked = new Set(relativeLinks(readme));
    const pages = PAGES.filter((p) => p.startsWith('docs/'));
    expect(pages.filter((p) => !linked.has(p))).toEqual([]);
  });

  test('its two quick-start commands are real', () => {
    const quick = readme.slice(readme.indexOf('## Quick start'));
    const block = /```sh\n([\s\S]*?)```/.exec(quick)![1];
    expect(block).toMatch(/^npm ci && npm run synth\b/m);
    expect(block).toMatch(/^npm test\b/m);
    expect(scripts).toEqual(expect.arrayContaining(['synth', 'test']));
  });
});

test('the command finder sees scripts in a line', () => {
  expect(npmScriptsNamed('npm ci && npm run synth && npm run docs:config -- --x')).toEqual(['synth', 'docs:config']);
});
