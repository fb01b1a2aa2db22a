import { expect } from 'chai';
import { CONTROL_PLANE_TAINT, tolerates } from '../../../../checks/lib/workloads/daemonset.js';

describe('daemonset tolerations', () => {
  it('tolerates the control-plane taint with Exists on its key, with or without an effect', () => {
    expect(
      tolerates(
        { key: CONTROL_PLANE_TAINT.key, operator: 'Exists', effect: 'NoSchedule' },
        CONTROL_PLANE_TAINT,
      ),
    ).to.equal(true);
    expect(
      tolerates({ key: CONTROL_PLANE_TAINT.key, operator: 'Exists' }, CONTROL_PLANE_TAINT),
    ).to.equal(true);
  });

  it('tolerates every taint with an empty key and Exists', () => {
    expect(tolerates({ operator: 'Exists' }, CONTROL_PLANE_TAINT)).to.equal(true);
  });

  it('does not tolerate with another key, another effect, or Equal to a different value', () => {
    expect(
      tolerates({ key: 'node-role.kubernetes.io/master', operator: 'Exists' }, CONTROL_PLANE_TAINT),
    ).to.equal(false);
    expect(
      tolerates(
        { key: CONTROL_PLANE_TAINT.key, operator: 'Exists', effect: 'NoExecute' },
        CONTROL_PLANE_TAINT,
      ),
    ).to.equal(false);
    expect(
      tolerates({ key: CONTROL_PLANE_TAINT.key, value: 'true' }, CONTROL_PLANE_TAINT),
    ).to.equal(false);
    expect(tolerates({ key: CONTROL_PLANE_TAINT.key, value: '' }, CONTROL_PLANE_TAINT)).to.equal(
      true,
    );
  });
});
