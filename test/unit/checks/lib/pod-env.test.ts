import { expect } from 'chai';
import {
  literalSecretFindings,
  secretKeyRefs,
  type PodSpecEnv,
} from '../../../../checks/lib/pod-env.js';

const BASE = 'spec.template.spec';

describe('literalSecretFindings', function () {
  it('finds a credential env var written in clear', function () {
    const spec: PodSpecEnv = {
      containers: [{ name: 'db', env: [{ name: 'MARIADB_ROOT_PASSWORD', value: 'x' }] }],
    };
    expect(literalSecretFindings(spec, undefined, BASE)).to.deep.equal([
      {
        path: 'spec.template.spec.containers[0].env[0].value',
        message: 'MARIADB_ROOT_PASSWORD has a literal value; read it with valueFrom.secretKeyRef',
      },
    ]);
  });

  it("finds the Secret's value anywhere in env, command or args, whatever the variable's name", function () {
    const spec: PodSpecEnv = {
      initContainers: [{ name: 'init', args: ['--pw=s3cret'] }],
      containers: [{ name: 'db', env: [{ name: 'ROOT', value: 's3cret' }] }],
    };
    expect(literalSecretFindings(spec, 's3cret', BASE).map((e) => e.path)).to.deep.equal([
      'spec.template.spec.initContainers[0].args[0]',
      'spec.template.spec.containers[0].env[0].value',
    ]);
  });

  it('accepts a password read through secretKeyRef', function () {
    const spec: PodSpecEnv = {
      containers: [
        {
          name: 'db',
          env: [
            {
              name: 'MARIADB_ROOT_PASSWORD',
              valueFrom: { secretKeyRef: { name: 'mariadb-secret', key: 'root-password' } },
            },
          ],
        },
      ],
    };
    expect(literalSecretFindings(spec, 'mysecretpass', BASE)).to.deep.equal([]);
    expect(secretKeyRefs(spec, 'mariadb-secret', 'root-password', BASE)).to.deep.equal([
      'spec.template.spec.containers[0].env[0] (MARIADB_ROOT_PASSWORD)',
    ]);
    expect(secretKeyRefs(spec, 'other', 'root-password', BASE)).to.deep.equal([]);
  });
});
