/**
 * A small, well-defined subset of Mermaid's flowchart syntax, rendered from data: nodes of three
 * shapes with quoted labels, nested subgraphs with quoted titles, and edges of three strokes
 * with optional quoted labels. Every label is escaped with Mermaid's entity codes, so any text
 * (a name with `"`, `#`, `<`, `|` or a backtick) stays text, and the renderer refuses ids that
 * Mermaid would misread. No parser of Mermaid ships with this repository; keeping to this subset
 * is what keeps the output valid. Pure.
 */

/** `box` is `id["…"]`, `store` a cylinder `id[("…")]`, `round` a stadium `id(["…"])`. */
export type NodeShape = 'box' | 'store' | 'round';

export interface MermaidNode {
  readonly id: string;
  /** Lines of the label, each escaped, joined with `<br/>`. */
  readonly lines: readonly string[];
  readonly shape: NodeShape;
}

export interface MermaidSubgraph {
  readonly id: string;
  readonly title: string;
  /** Layout inside the subgraph. Default: the enclosing one. */
  readonly direction?: 'TB' | 'LR';
  readonly nodes: readonly MermaidNode[];
  readonly subgraphs: readonly MermaidSubgraph[];
}

/** `solid` is `-->`, `dotted` `-.->`, `thick` `==>`; `both` points both ends (`<-->`). */
export interface MermaidEdge {
  readonly from: string;
  readonly to: string;
  readonly stroke: 'solid' | 'dotted' | 'thick';
  /** Arrow heads. Default `forward`. */
  readonly arrows?: 'forward' | 'both' | 'none';
  readonly label?: string;
}

export interface MermaidFlowchart {
  readonly direction: 'TB' | 'LR';
  readonly subgraphs: readonly MermaidSubgraph[];
  readonly nodes: readonly MermaidNode[];
  readonly edges: readonly MermaidEdge[];
}

/**
 * What Mermaid would read inside a quoted label, as its entity codes (`#34;` is decoded to
 * `&#34;`, which the browser shows as `"`): the quote that would end the label, `#` that starts
 * an entity code, `&`, `<` and `>` that HTML labels would read as markup, the backtick that
 * starts a Markdown string after a quote, `|` that delimits edge labels, `%` that starts a
 * directive (`%%{`), and the space of `direction TB`: Mermaid's lexer reads any line holding
 * `direction` and a direction as a direction statement, quotes or not.
 */
const ENTITY: Readonly<Record<string, string>> = {
  '#': '#35;',
  '"': '#34;',
  '&': '#38;',
  '<': '#60;',
  '>': '#62;',
  '`': '#96;',
  '|': '#124;',
  '%': '#37;',
  ' ': '#32;',
};

/** Text as it may stand inside a quoted Mermaid label: special characters as entity codes, line breaks as spaces. */
export function escapeLabel(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[#"&<>`|%]|(?<=direction) (?=TB|BT|RL|LR)/g, (c) => ENTITY[c]);
}

/**
 * Ids: a letter, then lowercase letters, digits and underscores. Mermaid's lexer takes the
 * first rule that matches, so an id must not start with a keyword it would read instead
 * (`end`, `style`, `class`, `click`, `call`, `href`, `graph`, `flowchart`, `subgraph`,
 * `direction`, `interpolate`), nor with `o` or `x`, which right after a link are a circle or
 * cross head.
 */
const ID_PATTERN =
  /^(?!end|style|class|click|call|href|graph|flowchart|subgraph|direction|interpolate)[a-np-wyz][a-z0-9_]*$/;

/** An id from free text: lowercase, runs of anything else as `_`, empty parts left out, behind a fixed prefix. */
export function mermaidId(prefix: string, ...parts: readonly string[]): string {
  return [prefix, ...parts]
    .map((p) =>
      p
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_|_$/g, ''),
    )
    .filter(Boolean)
    .join('_');
}

const OPEN: Record<NodeShape, [string, string]> = { box: ['["', '"]'], store: ['[("', '")]'], round: ['(["', '"])'] };

function node(n: MermaidNode, indent: string): string {
  const [open, close] = OPEN[n.shape];
  return `${indent}${n.id}${open}${n.lines.map(escapeLabel).join('<br/>')}${close}`;
}

function subgraph(s: MermaidSubgraph, indent: string): string[] {
  const inner = `${indent}  `;
  return [
    `${indent}subgraph ${s.id}["${escapeLabel(s.title)}"]`,
    ...(s.direction ? [`${inner}direction ${s.direction}`] : []),
    ...s.nodes.map((n) => node(n, inner)),
    ...s.subgraphs.flatMap((child) => subgraph(child, inner)),
    `${indent}end`,
  ];
}

const STROKES: Record<MermaidEdge['stroke'], { line: string; head: string; tail: string }> = {
  solid: { line: '--', head: '>', tail: '<' },
  dotted: { line: '-.-', head: '>', tail: '<' },
  thick: { line: '==', head: '>', tail: '<' },
};

function edge(e: MermaidEdge): string {
  const { line, head, tail } = STROKES[e.stroke];
  const arrows = e.arrows ?? 'forward';
  // `---`, `-.-` and `===` are the headless forms; the dotted one already has its third character.
  const body = arrows === 'none' ? (e.stroke === 'dotted' ? line : `${line}${line[0]}`) : `${line}${head}`;
  const link = arrows === 'both' ? `${tail}${body}` : body;
  const label = e.label === undefined ? '' : `|"${escapeLabel(e.label)}"|`;
  return `  ${e.from} ${link}${label} ${e.to}`;
}

function allNodes(chart: MermaidFlowchart): MermaidNode[] {
  const walk = (s: MermaidSubgraph): MermaidNode[] => [...s.nodes, ...s.subgraphs.flatMap(walk)];
  return [...chart.nodes, ...chart.subgraphs.flatMap(walk)];
}

function allSubgraphs(subgraphs: readonly MermaidSubgraph[]): MermaidSubgraph[] {
  return subgraphs.flatMap((s) => [s, ...allSubgraphs(s.subgraphs)]);
}

/**
 * The problems that would make the chart mean something else in Mermaid: ids outside the
 * subset, an id used twice, an edge to a node the chart does not declare.
 */
export function flowchartProblems(chart: MermaidFlowchart): string[] {
  const ids = [...allNodes(chart), ...allSubgraphs(chart.subgraphs)].map((x) => x.id);
  const declared = new Set(allNodes(chart).map((n) => n.id));
  return [
    ...ids.filter((id) => !ID_PATTERN.test(id)).map((id) => `id ${id} is outside the subset`),
    ...ids.filter((id, i) => ids.indexOf(id) !== i).map((id) => `id ${id} is declared twice`),
    ...chart.edges
      .flatMap((e) => [e.from, e.to])
      .filter((id) => !declared.has(id))
      .map((id) => `edge to undeclared node ${id}`),
  ];
}

/** The chart as Mermaid text; throws on any problem `flowchartProblems` finds (a bug in the caller). */
export function renderFlowchart(chart: MermaidFlowchart): string {
  const problems = flowchartProblems(chart);
  if (problems.length > 0) throw new Error(`invalid flowchart: ${problems.join('; ')}`);
  return [
    `flowchart ${chart.direction}`,
    ...chart.nodes.map((n) => node(n, '  ')),
    ...chart.subgraphs.flatMap((s) => subgraph(s, '  ')),
    ...chart.edges.map(edge),
  ].join('\n');
}
