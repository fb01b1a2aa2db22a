import { hostname } from 'node:os';
import { expect } from 'chai';
import { holderIsGone, leaseExpiry, microTime } from '../../../src/cluster/lease-lock.js';

describe('lease lock', function () {
  it('writes times as metav1.MicroTime, with six fractional digits', function () {
    expect(microTime(Date.UTC(2026, 11, 2, 20, 30, 5, 123))).to.equal(
      '2026-12-02T20:30:05.123000Z',
    );
  });

  it('expires a Lease its duration after its renewal, or its acquisition when never renewed', function () {
    const renewed = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'l' },
      spec: {
        leaseDurationSeconds: 90,
        acquireTime: '2026-12-02T20:00:00.000000Z',
        renewTime: '2026-12-02T20:01:00.000000Z',
      },
    };
    expect(leaseExpiry(renewed)).to.equal(Date.UTC(2026, 11, 2, 20, 2, 30));
    const acquired = { ...renewed, spec: { ...renewed.spec, renewTime: undefined } };
    expect(leaseExpiry(acquired)).to.equal(Date.UTC(2026, 11, 2, 20, 1, 30));
  });

  it('treats a Lease without times or duration as expired', function () {
    expect(leaseExpiry({ apiVersion: 'v1', kind: 'Lease', metadata: { name: 'l' } })).to.equal(0);
  });

  it('frees the lock of a holder whose process on this machine has ended', function () {
    const here = `kubelab-pp-alice/preempts-when-full@${hostname()}:4242:a1b2c3`;
    expect(holderIsGone(here, () => false)).to.equal(true);
    expect(holderIsGone(here, () => true)).to.equal(false);
  });

  it('trusts holders on other machines, and identities it cannot read, until their Lease expires', function () {
    const dead = () => false;
    expect(holderIsGone('ns/check@another-host:4242:a1b2c3', dead)).to.equal(false);
    expect(holderIsGone('kube-controller-manager_1f2e', dead)).to.equal(false);
    expect(holderIsGone(undefined, dead)).to.equal(false);
    expect(holderIsGone(`ns/check@${hostname()}:${process.pid}:a1b2c3`, dead)).to.equal(false);
  });
});
