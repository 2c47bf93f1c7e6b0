/** Why a release is not accepted: the verifier's only failure, its message the log line's `reason`. */
export class Refusal extends Error {
  override name = 'Refusal';
}
