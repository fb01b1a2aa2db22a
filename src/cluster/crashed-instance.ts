/**
 * Which log holds a restarted container's last crash. While the kubelet holds a crashed container
 * in back-off, it has reported it two ways: `waiting` (reason CrashLoopBackOff), where the crashed
 * instance is the *previous* one; or still `terminated` until the restart (seen on v1.37.2: `kubectl
 * get pods` says Error, not CrashLoopBackOff), where the crashed instance is the *current* one and
 * `logs --previous` names an older instance the kubelet may already have removed. Readers of crash
 * output ask this instead of assuming one version's behaviour.
 */
export function crashIsInPreviousLog(status: {
  state?: { terminated?: unknown; waiting?: unknown };
}): boolean {
  return status.state?.terminated === undefined;
}

/**
 * A container the kubelet holds in restart back-off after at least `restarts` restarts: waiting in
 * CrashLoopBackOff, or — as v1.37.2 reports it — still terminated under a restart policy that will
 * restart it (Always; OnFailure after a non-zero exit).
 */
export function inRestartBackOff(
  status: {
    restartCount?: number;
    state?: { waiting?: { reason?: string }; terminated?: { exitCode?: number } };
  },
  restartPolicy: string | undefined,
  restarts: number,
): boolean {
  if ((status.restartCount ?? 0) < restarts) return false;
  if (status.state?.waiting?.reason === 'CrashLoopBackOff') return true;
  const terminated = status.state?.terminated;
  if (terminated === undefined) return false;
  const policy = restartPolicy ?? 'Always';
  return policy === 'Always' || (policy === 'OnFailure' && (terminated.exitCode ?? 1) !== 0);
}
