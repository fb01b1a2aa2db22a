import { expect } from 'chai';
import {
  decodeSecretData,
  secretValueProblem,
} from '../../../../checks/lib/secrets/secret-value.js';

describe('secretValueProblem', function () {
  it("explains the course's bXlzZWNyZXRwYXNzCg== as echo's trailing newline", function () {
    const value = decodeSecretData('bXlzZWNyZXRwYXNzCg==');
    expect(value).to.equal('mysecretpass\n');
    expect(secretValueProblem(value ?? '')).to.match(/ends with a newline .*echo -n/);
  });

  it('accepts the same password encoded without the newline', function () {
    expect(secretValueProblem(decodeSecretData('bXlzZWNyZXRwYXNz') ?? '')).to.equal(undefined);
  });

  it('reports empty values and surrounding spaces', function () {
    expect(secretValueProblem('')).to.equal('the value is empty');
    expect(secretValueProblem(' pass')).to.match(/leading or trailing spaces/);
  });
});

describe('decodeSecretData', function () {
  it('refuses text that is not base64', function () {
    expect(decodeSecretData('not base64!')).to.equal(undefined);
  });
});
