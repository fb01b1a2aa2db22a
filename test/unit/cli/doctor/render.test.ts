import { expect } from 'chai';
import { doctorPassed, renderDoctor } from '../../../../src/cli/doctor/render.js';
import type { DoctorLine } from '../../../../src/cli/doctor/render.js';
import { notOk, ok } from '../../../../src/cli/doctor/item.js';
import { normalizeImageRef } from '../../../../src/cli/doctor/lab-images.js';

describe('kubelab doctor checklist', function () {
  const lines: DoctorLine[] = [
    {
      title: 'cluster reachable',
      required: true,
      verdict: ok('https://10.0.0.1:6443, Kubernetes v1.34.4'),
    },
    {
      title: 'default StorageClass',
      required: false,
      verdict: notOk('none marked default', 'install a provisioner'),
    },
    { title: 'nodes Ready', required: true, verdict: undefined },
  ];

  it('marks passes ✓, optional failures ! with a try line, and skipped items -', function () {
    expect(renderDoctor(lines, { color: false })).to.equal(
      '✓ cluster reachable     https://10.0.0.1:6443, Kubernetes v1.34.4\n' +
        '! default StorageClass  none marked default (optional)\n' +
        '                        try: install a provisioner\n' +
        '- nodes Ready           skipped: needs the items above\n',
    );
  });

  it('marks a failed required item ✗', function () {
    const text = renderDoctor(
      [{ title: 'DNS', required: true, verdict: notOk('no answer', 'check CoreDNS') }],
      { color: false },
    );
    expect(text).to.equal('✗ DNS  no answer\n       try: check CoreDNS\n');
  });

  it('fails when a required item failed or was skipped, not for an optional one', function () {
    expect(doctorPassed(lines)).to.equal(false);
    expect(doctorPassed(lines.slice(0, 2))).to.equal(true);
  });

  it('treats docker.io/library/busybox:1.35 and busybox:1.35 as one image', function () {
    expect(normalizeImageRef('docker.io/library/busybox:1.35')).to.equal('busybox:1.35');
    expect(normalizeImageRef('busybox:1.35')).to.equal('busybox:1.35');
    expect(normalizeImageRef('registry.k8s.io/pause:3.10')).to.equal('registry.k8s.io/pause:3.10');
  });
});
