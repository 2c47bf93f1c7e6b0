/** Half of the fork check (see fork-check.ts): the edits at odd positions. */
import { checkForkEdits } from './fork-check';
import { FORK_EDITS } from './fork-edits';

checkForkEdits(FORK_EDITS.filter((_, i) => i % 2 === 1));
