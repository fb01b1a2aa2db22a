import { expect } from 'chai';
import { isContainerNotRunning } from '../../../../checks/lib/pods/break-ready-pod.js';
import { GraderCommandError } from '../../../../checks/lib/grader/grader-exec.js';

describe('a break the kubelet refuses because the container is not running', () => {
  it('is recognised from the exec status the kubelet sends (worth a second pick)', () => {
    const error = new GraderCommandError(
      'web-59d79dc747-rf5gw',
      ['rm', '-f', '/usr/share/nginx/html/healthz'],
      127,
      'Internal error occurred: unable to upgrade connection: container not found ("web")',
    );
    expect(isContainerNotRunning(error)).to.equal(true);
  });

  it('is not confused with a command that ran and failed, or with another error', () => {
    const failed = new GraderCommandError(
      'web-0',
      ['rm', '-f', '/usr/share/nginx/html/healthz'],
      1,
      'rm: cannot remove: Read-only file system',
    );
    expect(isContainerNotRunning(failed)).to.equal(false);
    expect(isContainerNotRunning(new Error('container not found ("web")'))).to.equal(false);
  });
});
