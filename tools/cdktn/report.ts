/** Renders a {@link SynthDiff} as the compat check's plain-text report. Pure. */
import { changesPlan, type PinChange, type ProviderPin, type StackDiff, type SynthDiff } from './stack-diff';

/** Listed changes per stack; the rest are counted. */
const DETAIL_LIMIT = 20;

const pinText = (pin: ProviderPin | undefined) =>
  pin ? [pin.source, pin.version].filter(Boolean).join(' ') || '(no source, no version)' : '(not required)';

const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

function stackLine(s: StackDiff, width: number): string {
  const changes = [
    s.added.length > 0 && `${s.added.length} added`,
    s.removed.length > 0 && `${s.removed.length} removed`,
    s.changed.length > 0 && plural(s.changed.length, 'attribute') + ' changed',
  ].filter(Boolean);
  const pins = s.pins.length > 0 ? `; new pins: ${s.pins.map((p) => p.provider).join(', ')}` : '';
  return `  ${s.stack.padEnd(width)}  ${plural(s.addresses, 'address', 'addresses').padEnd(14)}  ${changes.length > 0 ? changes.join(', ') : 'same'}${pins}`;
}

function details(s: StackDiff): string[] {
  const lines = [
    ...s.added.map((a) => `+ ${a}`),
    ...s.removed.map((a) => `- ${a}`),
    ...s.changed.map(
      (c) => `~ ${c.address} ${c.path || '(whole)'}: ${c.before ?? '(absent)'} -> ${c.after ?? '(absent)'}`,
    ),
  ];
  const shown = lines.slice(0, DETAIL_LIMIT).map((l) => `      ${l}`);
  if (lines.length > DETAIL_LIMIT) shown.push(`      ... ${lines.length - DETAIL_LIMIT} more`);
  return shown;
}

/** Identical pin changes across stacks, once each, with the stacks they occur in. */
function pinSummary(stacks: readonly StackDiff[]): string[] {
  const groups = new Map<string, { change: PinChange; stacks: string[] }>();
  for (const s of stacks) {
    for (const change of s.pins) {
      const key = JSON.stringify(change);
      const group = groups.get(key) ?? { change, stacks: [] };
      group.stacks.push(s.stack);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map(
    ({ change, stacks: names }) =>
      `  ${change.provider}: ${pinText(change.before)} -> ${pinText(change.after)} (${plural(names.length, 'stack')})`,
  );
}

/** The report: one line per stack, the details of what changed, the new pins, and the verdict. */
export function formatReport(diff: SynthDiff, labels: { before: string; after: string }): string {
  const versions = new Set(diff.stacks.map((s) => `${s.libraryVersion.before} -> ${s.libraryVersion.after}`));
  const out = [
    `Stacks compared: ${diff.stacks.length}, ${labels.before} against ${labels.after} (library version in the output: ${[...versions].join(', ') || 'none'})`,
  ];
  const width = Math.max(0, ...diff.stacks.map((s) => s.stack.length));
  for (const s of diff.stacks) out.push(stackLine(s, width), ...details(s));
  for (const name of diff.removedStacks) out.push(`  ${name}: written by ${labels.before} only`);
  for (const name of diff.addedStacks) out.push(`  ${name}: written by ${labels.after} only`);
  const pins = pinSummary(diff.stacks);
  if (pins.length > 0) {
    out.push('Provider pins changed (run `terraform init -upgrade` in each stack before its next plan):', ...pins);
  }
  out.push(
    changesPlan(diff)
      ? 'Result: FAIL: the move changes stacks, addresses or attributes (above)'
      : 'Result: PASS: the same stacks, addresses and attributes',
  );
  return `${out.join('\n')}\n`;
}
