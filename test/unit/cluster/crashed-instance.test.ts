import { expect } from 'chai';
import { crashIsInPreviousLog, inRestartBackOff } from '../../../src/cluster/crashed-instance.js';

const waiting = { restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } };
const terminated = { restartCount: 3, state: { terminated: { exitCode: 3 } } };
const running = { restartCount: 3, state: {} };

describe('a crashed container, as each Kubernetes version reports its back-off', function () {
  it('is in back-off when waiting in CrashLoopBackOff, or terminated under a policy that restarts it', function () {
    expect(inRestartBackOff(waiting, undefined, 2)).to.equal(true);
    expect(inRestartBackOff(terminated, 'Always', 2)).to.equal(true);
    expect(inRestartBackOff(terminated, 'OnFailure', 2)).to.equal(true);
  });

  it('is not in back-off while running, below the restart count, or when nothing restarts it', function () {
    expect(inRestartBackOff(running, 'Always', 2)).to.equal(false);
    expect(inRestartBackOff(waiting, 'Always', 3)).to.equal(false);
    expect(inRestartBackOff(terminated, 'Never', 2)).to.equal(false);
    const succeeded = { restartCount: 3, state: { terminated: { exitCode: 0 } } };
    expect(inRestartBackOff(succeeded, 'OnFailure', 2)).to.equal(false);
  });

  it('finds the crash in the previous log while waiting or running, in the current one while terminated', function () {
    expect(crashIsInPreviousLog(waiting)).to.equal(true);
    expect(crashIsInPreviousLog(running)).to.equal(true);
    expect(crashIsInPreviousLog(terminated)).to.equal(false);
  });
});
