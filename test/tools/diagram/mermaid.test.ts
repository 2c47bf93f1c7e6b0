import {
  escapeLabel,
  flowchartProblems,
  mermaidId,
  renderFlowchart,
  type MermaidFlowchart,
} from '../../../tools/diagram/mermaid';

const chart = (over: Partial<MermaidFlowchart> = {}): MermaidFlowchart => ({
  direction: 'LR',
  nodes: [
    { id: 'a', shape: 'box', lines: ['A'] },
    { id: 'b', shape: 'store', lines: ['B'] },
  ],
  subgraphs: [],
  edges: [],
  ...over,
});

describe('escapeLabel', () => {
  test('writes every character that would end or change a quoted label as an entity code', () => {
    expect(escapeLabel('say "hi"')).toBe('say #34;hi#34;');
    expect(escapeLabel('a#b')).toBe('a#35;b');
    expect(escapeLabel('<br/> & co')).toBe('#60;br/#62; #38; co');
    expect(escapeLabel('`md`')).toBe('#96;md#96;');
    expect(escapeLabel('a|b')).toBe('a#124;b');
    expect(escapeLabel('%%{init}%%')).toBe('#37;#37;{init}#37;#37;');
  });

  test('breaks `direction LR`, which Mermaid would read as a statement even inside quotes', () => {
    expect(escapeLabel('pool direction LR')).toBe('pool direction#32;LR');
    expect(escapeLabel('direction\nTB and directions TB')).toBe('direction#32;TB and directions TB');
  });

  test('escapes # first, so an entity code in a name stays text', () => {
    expect(escapeLabel('#34;')).toBe('#35;34;');
  });

  test('leaves a label with nothing special as it is, line breaks as single spaces', () => {
    expect(escapeLabel('VNet vnet-x 10.0.0.0/16 · nodes 2–12 (a, b): [c]')).toBe(
      'VNet vnet-x 10.0.0.0/16 · nodes 2–12 (a, b): [c]',
    );
    expect(escapeLabel('two\n  lines')).toBe('two lines');
  });

  test('the escaped text holds no quote, angle bracket, pipe or backtick, and # only in entity codes', () => {
    const escaped = escapeLabel('"x" <y> |z| `w` #1 & #quot; 50% direction RL');
    expect(escaped).not.toMatch(/["<>|`%]|direction\s+RL/);
    expect(escaped.replace(/#\d+;/g, '')).not.toContain('#');
  });
});

describe('mermaidId', () => {
  test('joins a prefix and free-text parts in lowercase with underscores, empty parts left out', () => {
    expect(mermaidId('aws', 'us-east-1', 'pool', 'Serve.v2')).toBe('aws_us_east_1_pool_serve_v2');
    expect(mermaidId('az', 'eastus2', 'store', '', 'models')).toBe('az_eastus2_store_models');
  });
});

describe('renderFlowchart', () => {
  test('renders the three shapes, a subgraph with its direction, and quoted, escaped labels', () => {
    const text = renderFlowchart(
      chart({
        nodes: [{ id: 'a', shape: 'round', lines: ['id "x"', 'line 2'] }],
        subgraphs: [
          {
            id: 'group',
            title: 'G <1>',
            direction: 'TB',
            nodes: [{ id: 'b', shape: 'store', lines: ['B'] }],
            subgraphs: [{ id: 'inner', title: 'I', nodes: [{ id: 'c', shape: 'box', lines: ['C'] }], subgraphs: [] }],
          },
        ],
      }),
    );
    expect(text).toBe(
      [
        'flowchart LR',
        '  a(["id #34;x#34;<br/>line 2"])',
        '  subgraph group["G #60;1#62;"]',
        '    direction TB',
        '    b[("B")]',
        '    subgraph inner["I"]',
        '      c["C"]',
        '    end',
        '  end',
      ].join('\n'),
    );
  });

  test('writes each stroke and arrow head as Mermaid spells it, labels quoted between pipes', () => {
    const edges = renderFlowchart(
      chart({
        edges: [
          { from: 'a', to: 'b', stroke: 'solid' },
          { from: 'a', to: 'b', stroke: 'solid', arrows: 'none' },
          { from: 'a', to: 'b', stroke: 'dotted', label: 'x|y' },
          { from: 'a', to: 'b', stroke: 'dotted', arrows: 'none' },
          { from: 'a', to: 'b', stroke: 'thick', arrows: 'both', label: 't' },
          { from: 'a', to: 'b', stroke: 'thick', arrows: 'none' },
        ],
      }),
    )
      .split('\n')
      .slice(3);
    expect(edges).toEqual([
      '  a --> b',
      '  a --- b',
      '  a -.->|"x#124;y"| b',
      '  a -.- b',
      '  a <==>|"t"| b',
      '  a === b',
    ]);
  });

  test('refuses ids Mermaid would misread, a duplicate id and an edge to an undeclared node', () => {
    const bad = chart({
      nodes: [
        { id: 'end', shape: 'box', lines: ['keyword'] },
        { id: 'endpoint', shape: 'box', lines: ['starts with end'] },
        { id: 'oidc', shape: 'box', lines: ['o after a link is a circle head'] },
        { id: 'x1', shape: 'box', lines: ['x after a link is a cross head'] },
        { id: 'Upper', shape: 'box', lines: ['outside the subset'] },
        { id: 'style_a', shape: 'box', lines: ['lexed as the style keyword'] },
        { id: 'subgraph2', shape: 'box', lines: ['lexed as the subgraph keyword'] },
        { id: 'a', shape: 'box', lines: ['A'] },
        { id: 'a', shape: 'box', lines: ['again'] },
      ],
      edges: [{ from: 'a', to: 'missing', stroke: 'solid' }],
    });
    expect(flowchartProblems(bad)).toEqual([
      'id end is outside the subset',
      'id endpoint is outside the subset',
      'id oidc is outside the subset',
      'id x1 is outside the subset',
      'id Upper is outside the subset',
      'id style_a is outside the subset',
      'id subgraph2 is outside the subset',
      'id a is declared twice',
      'edge to undeclared node missing',
    ]);
    expect(() => renderFlowchart(bad)).toThrow(/^invalid flowchart: id end is outside the subset; /);
  });

  test('a valid chart has no problems', () => {
    expect(flowchartProblems(chart({ edges: [{ from: 'a', to: 'b', stroke: 'solid' }] }))).toEqual([]);
  });
});
