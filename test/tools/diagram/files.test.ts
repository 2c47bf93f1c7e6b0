/**
 * The generated diagrams in the repository are what `npm run diagram` draws from the shipped
 * config now (the shared synth of it), and hold what any config's would: its regions and
 * CIDRs, and every pool as synthesized.
 */
import { existsSync, readFileSync, readdirSync } from 'fs';
import * as path from 'path';
import { architectureModels } from '../../../tools/diagram/architecture';
import {
  ARCHITECTURE_DIR,
  ARCHITECTURE_INDEX,
  DIAGRAM_END,
  DIAGRAM_START,
  GENERATED_HEADER,
  PAGES_END,
  PAGES_START,
  README,
  diagramFiles,
  environmentPagePath,
  readmeEnvironment,
  stalePages,
} from '../../../tools/diagram/pages';
import { betweenMarkers } from '../../../tools/markers';
import { SHARED_SYNTHS, sharedOutput } from '../../helpers/shared-synth';
import { poolDisagreements, synthesizedPools } from './synthesized-pools';

const root = path.join(__dirname, '..', '..', '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('the generated diagrams of the shipped config', () => {
  const config = SHARED_SYNTHS.shipped();
  const { stacks } = sharedOutput('shipped');
  const models = architectureModels(stacks);
  const files = diagramFiles(models, readmeEnvironment(config), {
    readme: read(README),
    index: read(ARCHITECTURE_INDEX),
  });

  test.each([...files.keys()])('%s is what npm run diagram draws now (run `npm run diagram`)', (file) => {
    expect(existsSync(path.join(root, file)) && read(file)).toBe(files.get(file));
  });

  test('no page is left of an environment the config no longer has', () => {
    const onDisk = new Map(
      readdirSync(path.join(root, ARCHITECTURE_DIR)).map((f) => [
        `${ARCHITECTURE_DIR}/${f}`,
        read(`${ARCHITECTURE_DIR}/${f}`),
      ]),
    );
    expect(stalePages(onDisk, files)).toEqual([]);
  });

  test('each environment has a page that shows its regions and CIDRs, and every pool as synthesized', () => {
    for (const [name, environment] of Object.entries(config.environments)) {
      const page = files.get(environmentPagePath(name))!;
      expect(page.startsWith(GENERATED_HEADER)).toBe(true);
      for (const r of [...environment.aws.regions, ...environment.azure.regions]) {
        expect(page).toContain(r.region);
        expect(page).toContain(r.cidr);
      }
      expect(poolDisagreements(synthesizedPools(stacks), name, page)).toEqual([]);
    }
  });

  test('the README draws the production environment; the index links every page', () => {
    const shown = readmeEnvironment(config);
    const block = betweenMarkers(files.get(README)!, DIAGRAM_START, DIAGRAM_END)!;
    expect(block).toContain(`Environment \`${shown}\``);
    expect(block).toContain(betweenMarkers(files.get(environmentPagePath(shown))!, '```mermaid', '```'));
    const index = betweenMarkers(files.get(ARCHITECTURE_INDEX)!, PAGES_START, PAGES_END)!;
    for (const name of Object.keys(config.environments)) expect(index).toContain(`](architecture/${name}.md)`);
  });
});
