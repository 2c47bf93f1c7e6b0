import { parsePlatformConfig } from '../../../config/load';
import { architectureModels } from '../../../tools/diagram/architecture';
import {
  DIAGRAM_END,
  DIAGRAM_START,
  GENERATED_HEADER,
  PAGES_END,
  PAGES_START,
  diagramFiles,
  readmeEnvironment,
  stalePages,
} from '../../../tools/diagram/pages';
import { frozenConfig } from '../../helpers/config-fixture';
import { sharedOutput } from '../../helpers/shared-synth';

const models = architectureModels(sharedOutput('frozen').stacks);
const current = {
  readme: `# Title\n\n${DIAGRAM_START}\nold drawing\n${DIAGRAM_END}\n\n## Next\n`,
  index: `# Index\n\n${PAGES_START}\n- old\n${PAGES_END}\n`,
};

describe('diagram pages', () => {
  test('the README and the index change only between their markers', () => {
    const files = diagramFiles(models, 'prod', current);
    const readme = files.get('README.md')!;
    expect(readme.startsWith(`# Title\n\n${DIAGRAM_START}\n\n\`\`\`mermaid\nflowchart LR\n`)).toBe(true);
    expect(readme.endsWith(`${DIAGRAM_END}\n\n## Next\n`)).toBe(true);
    expect(readme).not.toContain('old drawing');
    expect(files.get('docs/architecture.md')).toBe(
      `# Index\n\n${PAGES_START}\n\n` +
        '- [`dev`](architecture/dev.md): Azure eastus2 (10.20.0.0/16); AWS us-east-1 (10.10.0.0/16)\n' +
        '- [`prod`](architecture/prod.md): Azure eastus2 (10.120.0.0/16); AWS eu-west-1 (10.111.0.0/16), us-east-1 (10.110.0.0/16)\n\n' +
        `${PAGES_END}\n`,
    );
  });

  test('one page per environment, headed as generated, naming its stacks', () => {
    const files = diagramFiles(models, 'prod', current);
    expect([...files.keys()]).toEqual([
      'README.md',
      'docs/architecture.md',
      'docs/architecture/dev.md',
      'docs/architecture/prod.md',
    ]);
    const page = files.get('docs/architecture/dev.md')!;
    expect(page.split('\n').slice(0, 3)).toEqual([GENERATED_HEADER, '', '# Architecture of `dev`']);
    expect(page).toContain('`dev-aws-account`, `dev-aws-dist-us-east-1`, `dev-azure-host-eastus2`, `dev-link`');
  });

  test('drawing the same stacks twice gives the same bytes', () => {
    expect(diagramFiles(architectureModels(sharedOutput('frozen').stacks), 'prod', current)).toEqual(
      diagramFiles(models, 'prod', current),
    );
  });

  test('a missing marker or an environment the stacks lack is an error naming it', () => {
    expect(() => diagramFiles(models, 'prod', { ...current, readme: '# no markers' })).toThrow(
      `README.md lacks the markers ${DIAGRAM_START} ... ${DIAGRAM_END}`,
    );
    expect(() => diagramFiles(models, 'qa', current)).toThrow(
      'the README draws environment qa, which the synthesized stacks lack (they have: dev, prod)',
    );
  });

  test('only a generated page of an environment no longer drawn is stale; a hand-written page stays', () => {
    const files = diagramFiles(models, 'prod', current);
    const onDisk = new Map([
      ['docs/architecture/prod.md', 'anything'],
      ['docs/architecture/qa.md', `${GENERATED_HEADER}\n\n# Architecture of \`qa\``],
      ['docs/architecture/notes.md', '# Notes kept by hand'],
    ]);
    expect(stalePages(onDisk, files)).toEqual(['docs/architecture/qa.md']);
  });

  test('the README draws the first production environment, else the first', () => {
    const input = frozenConfig();
    expect(readmeEnvironment(parsePlatformConfig(input))).toBe('prod');
    input.environments.prod.policy.production = false;
    expect(readmeEnvironment(parsePlatformConfig(input))).toBe('dev');
    input.environments.dev.policy.production = true;
    // A production environment keeps its state remote.
    input.environments.dev.stateBackend = {
      type: 's3',
      bucket: 'dev-terraform-state',
      region: input.environments.dev.aws.regions[0].region,
    };
    input.environments.prod.policy.production = true;
    expect(readmeEnvironment(parsePlatformConfig(input))).toBe('dev');
  });
});
