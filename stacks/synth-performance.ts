/**
 * cdktf records a full stack trace (no depth limit) for every token it creates, to name the
 * creation site if the token later fails to resolve. At this platform's size that is a quarter
 * of synth time and ~80 MiB at 50 regions per cloud (measured: 5.0-5.8 s and 237 MiB with,
 * 4.0-4.4 s and 155 MiB without). Those traces are captured on plain objects, never on Errors,
 * so skipping exactly those keeps every real error's stack trace intact.
 *
 * Set `CDKTF_TOKEN_STACK_TRACES=1` to keep them while debugging a token that will not resolve.
 */
export function skipTokenCreationStackTraces(env: NodeJS.ProcessEnv = process.env): void {
  if (env.CDKTF_TOKEN_STACK_TRACES === '1') return;
  const capture = Error.captureStackTrace.bind(Error);
  Error.captureStackTrace = (target: object, ...rest: unknown[]): void => {
    if (target instanceof Error) capture(target, ...(rest as [never]));
    else (target as { stack?: string }).stack = '';
  };
}
