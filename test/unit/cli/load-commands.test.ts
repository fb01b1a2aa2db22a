import { expect } from 'chai';
import { commandStub, loadCommands } from '../../../src/cli/load-commands.js';

async function loaded(argv: readonly string[]): Promise<string[]> {
  return [...(await loadCommands(argv)).keys()].sort();
}

describe('loadCommands', function () {
  this.timeout(30_000);

  it('loads only the command the line names', async function () {
    expect(await loaded(['list', '--json'])).to.deep.equal(['list']);
    expect(await loaded(['--context', 'x', 'check', 'probes'])).to.deep.equal(['check']);
  });

  it('loads no command for --help, --version or completing a command name', async function () {
    expect(await loaded(['--help'])).to.deep.equal([]);
    expect(await loaded(['--version'])).to.deep.equal([]);
    expect(await loaded(['--get-yargs-completions', 'kubelab', 'ch'])).to.deep.equal([]);
  });

  it('loads no heavy command to complete a lab id, but the command whose options are asked', async function () {
    expect(await loaded(['--get-yargs-completions', 'kubelab', 'check', 'pr'])).to.deep.equal([]);
    expect(await loaded(['--get-yargs-completions', 'kubelab', 'check', ''])).to.deep.equal([
      'check',
    ]);
    expect(await loaded(['--get-yargs-completions', 'kubelab', 'check', '--a'])).to.deep.equal([
      'check',
    ]);
    expect(await loaded(['--get-yargs-completions', 'kubelab', 'completion', 'f'])).to.deep.equal([
      'completion',
    ]);
  });

  it('a stub that runs says its module was not loaded', function () {
    const stub = commandStub('list');
    expect(stub.command).to.equal('list');
    expect(() => (stub.handler as (args: unknown) => void)({})).to.throw(
      'the module of command "list" was not loaded',
    );
  });
});
