/**
 * A storage or StatefulSet check cannot reach a verdict: the cluster lacks something the check
 * needs (no default StorageClass), an object it must read vanished, or the lab's params contradict
 * the objects. The runner reports it as `error` (0 points) with this message.
 */
export class NoVerdictError extends Error {
  override readonly name = 'NoVerdictError';
}
