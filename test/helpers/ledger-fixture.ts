/** Ledgers of the shared synths (test/helpers/synth.ts), built as `npm run ledger` builds them. */
import { checkDay } from '../../config/dated-checks';
import { PRICE_TABLE, type PriceTable } from '../../constructs/cloud-neutral/prices';
import { buildLedger, plannedPools, type Ledger } from '../../stacks/capacity-ledger';
import { SHARED_SYNTHS, sharedOutput } from './shared-synth';

/** The ledger of a shared synth at a price table (default the repo's); throws if its pools differ from its config. */
export function sharedLedger(name: keyof typeof SHARED_SYNTHS, prices: PriceTable = PRICE_TABLE): Ledger {
  const { pools, problems } = plannedPools(SHARED_SYNTHS[name](), sharedOutput(name).stacks, checkDay());
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return buildLedger(pools, prices);
}
