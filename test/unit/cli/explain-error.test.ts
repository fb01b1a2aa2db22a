import { expect } from 'chai';
import {
  AbortedError,
  ClusterUnreachableError,
  ForbiddenError,
  KubeconfigError,
} from '../../../src/cluster/errors.js';
import { FileConflictError, InterruptedError, UsageError } from '../../../src/cli/errors.js';
import { explainError } from '../../../src/cli/explain-error.js';
import { ExitCode } from '../../../src/cli/exit-codes.js';
import { PassMarkError } from '../../../src/cli/pass-mark.js';
import { formatError } from '../../../src/cli/report-error.js';
import { LabValidationError } from '../../../src/model/lab-issue.js';
import { UnknownLabError } from '../../../src/model/unknown-lab-error.js';
import { parseYaml } from '../../../src/model/safe-yaml.js';
import { suggest } from '../../../src/model/suggest.js';

function yamlError(): unknown {
  try {
    parseYaml('id: x\ntitle: "open\nchecks: []\n', { file: 'labs/x/lab.yaml' });
  } catch (error) {
    return error;
  }
  throw new Error('expected the YAML to be refused');
}

describe('error explanations and exit codes', function () {
  it('maps every error class to its exit code', function () {
    const known = ['probes', 'pv-pvc'];
    const cases: [unknown, number][] = [
      [new UsageError('bad'), ExitCode.error],
      [new PassMarkError('x'), ExitCode.error],
      [new UnknownLabError('probe', known, 'labs', suggest('probe', known)), ExitCode.error],
      [new FileConflictError('kubelab-work/probes', ['pod.yaml']), ExitCode.error],
      [
        new ClusterUnreachableError('kubelab', 'https://127.0.0.1:6443', 'connection refused'),
        ExitCode.error,
      ],
      [
        new ForbiddenError(
          {
            code: 403,
            reason: 'Forbidden',
            message: 'User "bob" cannot list resource "pods" in API group "" in the namespace "x"',
          },
          { method: 'GET', path: '/api/v1/namespaces/x/pods' },
        ),
        ExitCode.error,
      ],
      [new KubeconfigError('no kubeconfig', { file: undefined, contexts: [] }), ExitCode.error],
      [
        new LabValidationError('x', [{ file: 'labs/x/lab.yaml', path: 'id', message: 'bad' }]),
        ExitCode.error,
      ],
      [yamlError(), ExitCode.error],
      [new InterruptedError('check probes'), ExitCode.interrupted],
      [new AbortedError('wait'), ExitCode.interrupted],
      [new DOMException('This operation was aborted', 'AbortError'), ExitCode.interrupted],
      [new Error('boom'), ExitCode.error],
      ['a string', ExitCode.error],
    ];
    for (const [error, code] of cases) {
      expect(explainError(error).exitCode, String(error)).to.equal(code);
    }
  });

  it('suggests the closest lab for an unknown one', function () {
    const known = ['probes', 'pv-pvc', 'static-pods'];
    const explained = explainError(
      new UnknownLabError('probe', known, 'labs', suggest('probe', known)),
    );
    expect(explained.message).to.equal('unknown lab "probe"; did you mean "probes"?');
    expect(explained.tryLine).to.include('kubelab list');
  });

  it('gives the file, line and column of malformed YAML', function () {
    const explained = explainError(yamlError());
    expect(explained.message).to.match(/^malformed YAML: labs\/x\/lab\.yaml:\d+:\d+: /);
  });

  it('names the context and the server of an unreachable cluster', function () {
    const explained = explainError(
      new ClusterUnreachableError('kubelab', 'https://127.0.0.1:6443', 'connection refused'),
    );
    expect(explained.message).to.include('context "kubelab"');
    expect(explained.message).to.include('https://127.0.0.1:6443');
    expect(explained.tryLine).to.include('kubectl --context kubelab get nodes');
  });

  it('names the verb and the resource of a forbidden request', function () {
    const error = new ForbiddenError(
      {
        code: 403,
        reason: 'Forbidden',
        message:
          'User "bob" cannot create resource "persistentvolumes" in API group "" at the cluster scope',
      },
      { method: 'POST', path: '/api/v1/persistentvolumes' },
    );
    expect(explainError(error).message).to.include('may not create persistentvolumes');
  });

  it('offers the known contexts for a kubeconfig without the wanted one', function () {
    const error = new KubeconfigError('context "x" not found', {
      file: '/k',
      contexts: ['minikube', 'kind-a'],
    });
    expect(explainError(error).tryLine).to.equal('--context kind-a | minikube');
  });

  it('prints one line and a try line, and the cause chain only with --debug', function () {
    const error = new UsageError('outer', 'do this', { cause: new Error('inner') });
    const plain = formatError(error, { debug: false });
    expect(plain.text).to.equal('kubelab: outer\ntry: do this\n');
    const debug = formatError(error, { debug: true }).text;
    expect(debug).to.include('--- error: UsageError');
    expect(debug).to.include('--- cause 1: Error');
    expect(debug).to.include('inner');
  });
});
