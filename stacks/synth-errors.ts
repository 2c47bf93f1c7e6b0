/**
 * Errors a synth records as annotations (the policy gate's, and cdktf's own). The cdktf CLI runs
 * the app with CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS set, so cdktf itself does not stop on
 * them: the app does, whoever runs it and however it is set, so the gate is never bypassed. Only
 * `npm run policy` asks to keep the output of a failing synth, to report on it (`REPORT_ONLY_ENV`),
 * and that output is marked so that Terraform refuses to plan it.
 */
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { AnnotationMetadataEntryType, type App } from 'cdktf';

/** Set to `1` (only `npm run policy` does) to keep a failing synth's output, marked undeployable, for the report. */
export const REPORT_ONLY_ENV = 'GPU_PLATFORM_REPORT_ONLY';

/** The top-level key that makes Terraform refuse a report-only stack (an unsupported block type). */
export const REPORT_ONLY_MARK = 'report_only_not_deployable';

/** Every error annotation of the app, as `[construct path] message`. */
export function errorAnnotations(app: App): string[] {
  return app.node
    .findAll()
    .flatMap((node) =>
      node.node.metadata
        .filter((m) => m.type === AnnotationMetadataEntryType.ERROR)
        .map((m) => `[${node.node.path}] ${String(m.data)}`),
    );
}

/**
 * Marks every stack of a report-only synth so that Terraform refuses to plan it: a top-level key
 * it does not know, after everything else, so the report's line numbers stay true.
 */
export function markReportOnly(outdir: string, stackNames: Iterable<string>): void {
  for (const name of stackNames) {
    const file = path.join(outdir, 'stacks', name, 'cdk.tf.json');
    const stack = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    stack[REPORT_ONLY_MARK] = {
      '//': 'written by npm run policy from a synth with policy errors: report only, never plan or apply it',
    };
    writeFileSync(file, JSON.stringify(stack, null, 2));
  }
}
