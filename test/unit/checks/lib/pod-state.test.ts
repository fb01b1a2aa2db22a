import { expect } from 'chai';
import {
  describePod,
  isCrashLooping,
  isPodReady,
  waitingReasons,
  type Pod,
} from '../../../../checks/lib/pods/pod-state.js';

const crashing: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1' },
  spec: { containers: [{ name: 'web' }] },
  status: {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'False' }],
    containerStatuses: [
      {
        name: 'web',
        ready: false,
        restartCount: 3,
        state: { waiting: { reason: 'CrashLoopBackOff' } },
        lastState: { terminated: { exitCode: 127, reason: 'Error' } },
      },
    ],
  },
};

describe('pod state', () => {
  it('describes a crash-looping pod the way a student needs to read it', () => {
    expect(describePod(crashing)).to.equal(
      'web-1: Running, not Ready; web: waiting (CrashLoopBackOff), 3 restart(s), last exit code 127, reason Error',
    );
    expect(waitingReasons(crashing)).to.deep.equal(['CrashLoopBackOff']);
    expect(isPodReady(crashing)).to.equal(false);
  });

  it('counts a pod as Ready only when Running with the Ready condition True', () => {
    const ready: Pod = {
      ...crashing,
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
    };
    expect(isPodReady(ready)).to.equal(true);
    expect(isPodReady({ ...ready, status: { ...ready.status, phase: 'Succeeded' } })).to.equal(
      false,
    );
  });

  it('counts a crash loop only from the given number of restarts on', () => {
    expect(isCrashLooping(crashing, 3)).to.equal(true);
    expect(isCrashLooping(crashing, 4)).to.equal(false);
    const waitingOtherwise: Pod = {
      ...crashing,
      status: {
        containerStatuses: [
          { name: 'web', restartCount: 5, state: { waiting: { reason: 'ImagePullBackOff' } } },
        ],
      },
    };
    expect(isCrashLooping(waitingOtherwise, 1)).to.equal(false);
  });

  it('counts a crashed container still reported terminated (v1.37.2) as looping only under a policy that restarts it', () => {
    const terminated = (restartPolicy: string): Pod => ({
      ...crashing,
      spec: { ...crashing.spec, restartPolicy },
      status: {
        containerStatuses: [
          { name: 'web', restartCount: 3, state: { terminated: { exitCode: 1, reason: 'Error' } } },
        ],
      },
    });
    expect(isCrashLooping(terminated('Always'), 3)).to.equal(true);
    expect(isCrashLooping(terminated('Never'), 3)).to.equal(false);
  });
});
