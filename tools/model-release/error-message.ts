/**
 * The message of anything thrown. Not `instanceof Error`: errors from node's own modules can come
 * from another realm (under jest, for one), where that test fails and `String(e)` would print the
 * class and code before the message.
 */
export function errorMessage(e: unknown): string {
  const message = (e as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(e);
}
