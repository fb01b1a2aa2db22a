import { expect } from 'chai';
import { selectorString } from '../../../../checks/lib/workloads/workload.js';

describe('selectorString', () => {
  it('turns matchLabels into sorted key=value pairs', () => {
    expect(selectorString({ matchLabels: { tier: 'web', app: 'shop' } })).to.equal(
      'app=shop,tier=web',
    );
  });

  it('renders every matchExpressions operator the list API understands', () => {
    expect(
      selectorString({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'dev'] },
          { key: 'track', operator: 'NotIn', values: ['canary'] },
          { key: 'team', operator: 'Exists' },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      }),
    ).to.equal('app=web,env in (dev,prod),track notin (canary),team,!legacy');
  });

  it('gives an empty selector for a workload without one', () => {
    expect(selectorString(undefined)).to.equal('');
  });
});
