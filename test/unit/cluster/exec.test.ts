import { expect } from 'chai';
import { exitCodeOf } from '../../../src/cluster/exec.js';

describe('exec exit codes', function () {
  it('reads 0 from a Success status', function () {
    expect(exitCodeOf({ status: 'Success' })).to.deep.equal({ exitCode: 0 });
  });

  it('reads the ExitCode cause of a NonZeroExitCode status', function () {
    const status = {
      status: 'Failure',
      reason: 'NonZeroExitCode',
      message:
        'command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    };
    expect(exitCodeOf(status)).to.deep.equal({ exitCode: 3 });
  });

  it('reports a command that could not start as 127 with the reason', function () {
    const result = exitCodeOf({
      status: 'Failure',
      reason: 'InternalError',
      message: 'executable file not found in $PATH',
    });
    expect(result).to.deep.equal({ exitCode: 127, message: 'executable file not found in $PATH' });
  });

  it('reports a stream that closed without a status as -1', function () {
    expect(exitCodeOf(undefined).exitCode).to.equal(-1);
  });
});
