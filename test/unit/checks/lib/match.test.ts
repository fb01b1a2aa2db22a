import { expect } from 'chai';
import { matchPartial } from '../../../../checks/lib/match.js';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    template: {
      spec: {
        restartPolicy: 'Always',
        containers: [
          { name: 'sidecar', image: 'busybox' },
          { name: 'web', image: 'nginx', command: ['nginx', '-g', 'daemon off;'] },
        ],
      },
    },
  },
};

describe('matchPartial', () => {
  it('returns no errors when every expected field is present with the same value', () => {
    expect(
      matchPartial(
        { spec: { replicas: 2, template: { spec: { restartPolicy: 'Always' } } } },
        deployment,
      ),
    ).to.deep.equal([]);
  });

  it('names the path of a missing field', () => {
    const errors = matchPartial(
      {
        spec: {
          template: {
            spec: { containers: [{ name: 'web', livenessProbe: { httpGet: { path: '/' } } }] },
          },
        },
      },
      deployment,
    );
    expect(errors).to.deep.equal([
      { path: 'spec.template.spec.containers[1].livenessProbe', message: 'missing' },
    ]);
  });

  it('matches list elements by name wherever they sit', () => {
    expect(
      matchPartial(
        { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx' }] } } } },
        deployment,
      ),
    ).to.deep.equal([]);
  });

  it('reports a named element that is not there', () => {
    const errors = matchPartial(
      { spec: { template: { spec: { containers: [{ name: 'db' }] } } } },
      deployment,
    );
    expect(errors).to.deep.equal([
      { path: 'spec.template.spec.containers[name=db]', message: 'missing' },
    ]);
  });

  it('compares unnamed lists element-wise and requires the same length', () => {
    const path = {
      spec: { template: { spec: { containers: [{ name: 'web', command: ['nginx'] }] } } },
    };
    expect(matchPartial(path, deployment)).to.deep.equal([
      {
        path: 'spec.template.spec.containers[1].command',
        message: 'expected 1 item(s), found 3: ["nginx","-g","daemon off;"]',
      },
    ]);
    expect(
      matchPartial(
        {
          spec: {
            template: { spec: { containers: [{ name: 'web', command: ['nginx', '-g', 'x'] }] } },
          },
        },
        deployment,
      ),
    ).to.deep.equal([
      {
        path: 'spec.template.spec.containers[1].command[2]',
        message: 'expected "x", found "daemon off;"',
      },
    ]);
  });

  it('lists every mismatch, sorted by key, not just the first', () => {
    const errors = matchPartial(
      {
        spec: { replicas: 3, template: { spec: { restartPolicy: 'OnFailure' } } },
        metadata: { name: 'api' },
      },
      deployment,
    );
    expect(errors.map((e) => e.path)).to.deep.equal([
      'metadata.name',
      'spec.replicas',
      'spec.template.spec.restartPolicy',
    ]);
    expect(errors[1]?.message).to.equal('expected 3, found 2');
  });

  it('does not take a string for a number', () => {
    expect(matchPartial({ spec: { replicas: '2' } }, deployment)).to.deep.equal([
      { path: 'spec.replicas', message: 'expected "2", found 2' },
    ]);
  });

  it('treats null as "must be absent"', () => {
    expect(matchPartial({ spec: { paused: null } }, deployment)).to.deep.equal([]);
    expect(matchPartial({ spec: { replicas: null } }, deployment)).to.deep.equal([
      { path: 'spec.replicas', message: 'expected absent, found 2' },
    ]);
  });

  it('says which type it expected when the shapes differ', () => {
    expect(matchPartial({ metadata: { labels: ['app'] } }, deployment)).to.deep.equal([
      { path: 'metadata.labels', message: 'expected a list, found an object {"app":"web"}' },
    ]);
    expect(matchPartial({ spec: { replicas: { min: 1 } } }, deployment)).to.deep.equal([
      { path: 'spec.replicas', message: 'expected an object, found a number 2' },
    ]);
  });
});
