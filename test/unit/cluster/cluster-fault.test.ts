import { KubeConfig } from '@kubernetes/client-node';
import { expect } from 'chai';
import { describeClusterFault, isClusterFault } from '../../../src/cluster/faults/cluster-fault.js';
import {
  AbortedError,
  apiErrorFor,
  ClusterUnreachableError,
  WaitImpossibleError,
  WaitTimeoutError,
} from '../../../src/cluster/errors.js';
import { FaultLog } from '../../../src/cluster/faults/fault-log.js';
import { Transport } from '../../../src/cluster/connect/transport.js';

const request = { method: 'GET', path: '/api/v1/namespaces/x/pods' };
const answer = (code: number): Error => apiErrorFor(code, '', request);
const errno = (code: string): Error =>
  Object.assign(new Error(`connect ${code} 10.0.0.1:6443`), { code });
const unreachable = new ClusterUnreachableError(
  'kubelab',
  'https://10.0.0.1:6443',
  'connection refused (nothing listens at that address)',
);

describe('cluster faults', function () {
  it('counts an unreachable server, 429 and every 5xx as the cluster failing', function () {
    for (const error of [unreachable, answer(429), answer(500), answer(503), answer(504)])
      expect(isClusterFault(error), error.message).to.equal(true);
  });

  it("does not count server-side apply's 500 for a field not in the schema (a student's typo)", function () {
    const typo = apiErrorFor(
      500,
      JSON.stringify({
        kind: 'Status',
        code: 500,
        reason: 'InternalError',
        message:
          'failed to create typed patch object (kubelab-x/web; apps/v1, Kind=Deployment): .spec.replica: field not declared in schema',
      }),
      { method: 'PATCH', path: '/apis/apps/v1/namespaces/kubelab-x/deployments/web' },
    );
    expect(isClusterFault(typo)).to.equal(false);
    const other = apiErrorFor(
      500,
      JSON.stringify({ kind: 'Status', code: 500, message: 'etcdserver: request timed out' }),
      request,
    );
    expect(isClusterFault(other), 'any other 500 stays a fault').to.equal(true);
  });

  it('counts a reset connection and the request timing out as the cluster failing', function () {
    expect(isClusterFault(errno('ECONNRESET'))).to.equal(true);
    expect(isClusterFault(errno('ETIMEDOUT'))).to.equal(true);
  });

  it("never counts the API server's verdict on a request, nor kubelab stopping itself", function () {
    const notFaults = [
      answer(400),
      answer(403),
      answer(404),
      answer(409),
      answer(410), // watch expiry: the wait relists
      answer(422),
      new AbortedError('waiting for pod web-0 to be Ready'),
      new DOMException('This operation was aborted', 'AbortError'),
      new DOMException('The operation timed out.', 'TimeoutError'),
      new WaitTimeoutError('pod web-0 to be Ready', 90_000, ['web-0: not Ready'], ''),
      new WaitImpossibleError('pod web-0 to be Ready', 'the pod failed', ''),
      new Error('no pod of Deployment web is Ready'),
    ];
    for (const error of notFaults)
      expect(isClusterFault(error), `${error.name}: ${error.message}`).to.equal(false);
  });

  it('says what failed in words a teacher can act on', function () {
    expect(describeClusterFault(unreachable)).to.equal(
      'the cluster was unreachable (server https://10.0.0.1:6443: connection refused (nothing listens at that address))',
    );
    expect(describeClusterFault(answer(503))).to.equal(
      'the API server answered 503 ServiceUnavailable to GET /api/v1/namespaces/x/pods',
    );
    expect(describeClusterFault(errno('ECONNRESET'))).to.equal(
      'the connection to the API server failed (ECONNRESET: connect ECONNRESET 10.0.0.1:6443)',
    );
  });
});

describe('the fault log', function () {
  /** A transport to port 1 on loopback: nothing listens there, so the connection is refused at once. */
  function refusedTransport(faults: FaultLog): Transport {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'c', server: 'http://127.0.0.1:1', skipTLSVerify: true }],
      users: [{ name: 'u', token: 'x' }],
      contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }],
      currentContext: 'ctx',
    });
    return new Transport(kc, 'ctx', 'http://127.0.0.1:1', { faults });
  }

  it('counts only cluster faults, and tells what happened since a mark', function () {
    const log = new FaultLog();
    expect(log.record(answer(404))).to.equal(false);
    const mark = log.mark();
    expect(log.since(mark)).to.deep.equal({ count: 0, latest: undefined });
    expect(log.record(answer(503))).to.equal(true);
    expect(log.record(new AbortedError('x'))).to.equal(false);
    expect(log.record(unreachable)).to.equal(true);
    expect(log.since(mark)).to.deep.equal({ count: 2, latest: describeClusterFault(unreachable) });
    expect(log.since(log.mark())).to.deep.equal({ count: 0, latest: undefined });
  });

  it("is fed by the transport when nothing listens at the server's address", async function () {
    const faults = new FaultLog();
    const transport = refusedTransport(faults);
    const error = await transport.request({ method: 'GET', path: '/version' }).catch((e) => e);
    expect(error).to.be.instanceOf(ClusterUnreachableError);
    expect(faults.since(0).count).to.equal(1);
    expect(faults.since(0).latest).to.match(/^the cluster was unreachable .*connection refused/);
  });

  it('is not fed by a request kubelab aborted itself', async function () {
    const faults = new FaultLog();
    const transport = refusedTransport(faults);
    const controller = new AbortController();
    const pending = transport.request({
      method: 'GET',
      path: '/version',
      signal: controller.signal,
    });
    controller.abort();
    expect(await pending.catch((e) => e)).to.be.instanceOf(AbortedError);
    expect(faults.since(0).count).to.equal(0);
  });
});
