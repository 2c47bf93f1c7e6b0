/** Tags on both clouds. */
import { REQUIRED_TAG_KEYS } from '../../../cloud-neutral/tags';
import type { PolicyRule, RuleFinding } from '../rule';
import { resourcesOfType } from '../../../shared/stack-json';

export const TAG_RULES: readonly PolicyRule[] = [
  {
    id: 'GPUP-TAG-1',
    severity: 'error',
    title: `Every taggable resource carries the platform tags (${REQUIRED_TAG_KEYS.join(', ')})`,
    rationale: 'Untagged resources have no owner to page and no cost center to bill',
    fix: 'create the resource inside a PlatformStack (PlatformTagsAspect stamps the tags), or set the tags map',
    resourceTypes: ['every taggable type'],
    controls: {},
    check: (stack, { taggableTypes }) =>
      [...taggableTypes].flatMap((type) =>
        resourcesOfType(stack, type).flatMap((resource): RuleFinding[] => {
          const tags = (resource.attributes.tags ?? {}) as Record<string, unknown>;
          const absent = REQUIRED_TAG_KEYS.filter((k) => !tags[k]);
          return absent.length > 0 ? [{ address: resource.address, problem: `lacks tags ${absent.join(', ')}` }] : [];
        }),
      ),
  },
];
