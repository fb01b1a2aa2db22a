import { expect } from 'chai';
import { isLogFileGone } from '../../../src/cluster/logs.js';
import { describeNetworkError } from '../../../src/cluster/connect/transport.js';

function errno(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('network failure causes', function () {
  it('says connection refused, DNS, timeout and TLS in short words', function () {
    expect(
      describeNetworkError(errno('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1')),
    ).to.equal('connection refused (nothing listens at that address)');
    expect(describeNetworkError(errno('ENOTFOUND', 'getaddrinfo ENOTFOUND api.example'))).to.equal(
      'DNS lookup failed (ENOTFOUND)',
    );
    expect(describeNetworkError(errno('ETIMEDOUT', 'no answer within 30s'))).to.equal(
      'timed out: no answer within 30s',
    );
    expect(
      describeNetworkError(
        errno('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'),
      ),
    ).to.equal('TLS handshake failed: unable to verify the first certificate');
  });
});

describe('kubelet log bodies', function () {
  it('recognises the note the kubelet sends for a removed log file', function () {
    expect(isLogFileGone('unable to retrieve container logs for containerd://8b49d2\n')).to.equal(
      true,
    );
    expect(
      isLogFileGone(
        'failed to try resolving symlinks in path "/var/log/pods/x/app/0.log": lstat /var/log/pods/x/app/0.log: no such file or directory',
      ),
    ).to.equal(true);
    expect(isLogFileGone('attempt 1\nunable to retrieve container logs for x\n')).to.equal(false);
  });
});
