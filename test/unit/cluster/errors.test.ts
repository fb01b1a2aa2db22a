import { expect } from 'chai';
import {
  ApiError,
  apiErrorFor,
  ForbiddenError,
  parseForbidden,
  statusFromBody,
  WaitTimeoutError,
} from '../../../src/cluster/errors.js';

const forbiddenBody = JSON.stringify({
  kind: 'Status',
  apiVersion: 'v1',
  status: 'Failure',
  message:
    'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "team-a"',
  reason: 'Forbidden',
  details: { kind: 'pods' },
  code: 403,
});

describe('API error mapping', function () {
  it('keeps the code, reason and message of a Status body', function () {
    const status = statusFromBody(
      404,
      JSON.stringify({
        kind: 'Status',
        code: 404,
        reason: 'NotFound',
        message: 'pods "web" not found',
      }),
    );
    expect(status).to.deep.include({
      code: 404,
      reason: 'NotFound',
      message: 'pods "web" not found',
    });
  });

  it('builds a Status from a body that is not JSON', function () {
    expect(statusFromBody(503, 'upstream connect error\n')).to.deep.equal({
      code: 503,
      reason: 'ServiceUnavailable',
      message: 'upstream connect error',
    });
  });

  it('turns a 403 into a ForbiddenError naming user, verb, resource and namespace', function () {
    const error = apiErrorFor(403, forbiddenBody, {
      method: 'GET',
      path: '/api/v1/namespaces/team-a/pods',
    });
    expect(error).to.be.instanceOf(ForbiddenError);
    const forbidden = error as ForbiddenError;
    expect(forbidden.name).to.equal('ForbiddenError');
    expect([forbidden.user, forbidden.verb, forbidden.resource, forbidden.namespace]).to.deep.equal(
      ['alice', 'list', 'pods', 'team-a'],
    );
    expect(forbidden.message).to.match(
      /^forbidden: user "alice" may not list pods in namespace "team-a"/,
    );
    expect(forbidden.code).to.equal(403);
  });

  it('names the API group of a forbidden resource outside the core group', function () {
    const parts = parseForbidden(
      'storageclasses.storage.k8s.io is forbidden: User "bob" cannot create resource "storageclasses" in API group "storage.k8s.io" at the cluster scope',
    );
    expect(parts).to.deep.equal({
      user: 'bob',
      verb: 'create',
      resource: 'storageclasses.storage.k8s.io',
      namespace: undefined,
    });
  });

  it('turns other codes into an ApiError with the request in its message', function () {
    const error = apiErrorFor(
      422,
      JSON.stringify({ kind: 'Status', code: 422, reason: 'Invalid', message: 'bad' }),
      {
        method: 'POST',
        path: '/api/v1/namespaces',
      },
    );
    expect(error).to.be.instanceOf(ApiError).and.not.be.instanceOf(ForbiddenError);
    expect(error.message).to.equal('POST /api/v1/namespaces: 422 Invalid: bad');
  });

  it('says what the wait was for and what it last saw when it times out', function () {
    const error = new WaitTimeoutError(
      'pod web-0 to be Ready',
      60_000,
      ['containers not ready: app (CrashLoopBackOff)'],
      '',
    );
    expect(error.message).to.equal(
      'timed out after 60s waiting for pod web-0 to be Ready: containers not ready: app (CrashLoopBackOff)',
    );
  });
});
