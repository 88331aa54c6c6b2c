/** A refusal of the operator's command, printed as it is (no stack) with a non-zero exit. */
export class OperatorError extends Error {
  override name = 'OperatorError';
}
