/**
 * Imported first by main.ts for its side effect: skips token-creation stack traces (see
 * synth-performance.ts) before cdktf loads, because cdktf creates tokens while it loads, too. In
 * the bundled app each such trace, once read, would map its frames through the bundle's source
 * map, and reading that map costs 0.4 s and 90 MiB.
 */
import { skipTokenCreationStackTraces } from './synth-performance';

skipTokenCreationStackTraces();
