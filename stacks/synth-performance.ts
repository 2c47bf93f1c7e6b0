/** Where the engine's own `Error.captureStackTrace` is kept once replaced. */
const NATIVE_CAPTURE = Symbol.for('gpu-platform.native-capture-stack-trace');

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
  const holder = Error as unknown as Record<symbol, typeof Error.captureStackTrace | undefined>;
  // The engine's own function, kept across calls (and module copies, as under jest) so a second
  // call neither wraps the wrapper nor loses the way back.
  const native = holder[NATIVE_CAPTURE] ?? Error.captureStackTrace;
  holder[NATIVE_CAPTURE] = native;
  if (env.CDKTF_TOKEN_STACK_TRACES === '1') {
    Error.captureStackTrace = native;
    return;
  }
  const capture = native.bind(Error);
  Error.captureStackTrace = (target: object, ...rest: unknown[]): void => {
    if (target instanceof Error) capture(target, ...(rest as [never]));
    else (target as { stack?: string }).stack = '';
  };
}
