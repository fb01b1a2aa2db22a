import { expect } from 'chai';
import { runCli } from '../../../src/cli/app.js';
import type { CheckOptions } from '../../../src/cli/commands/check.js';
import type { CleanupOptions } from '../../../src/cli/commands/cleanup.js';
import type { DoctorOptions } from '../../../src/cli/commands/doctor.js';
import type { ListOptions } from '../../../src/cli/commands/list.js';
import type { ResetOptions } from '../../../src/cli/commands/reset.js';
import type { StartOptions } from '../../../src/cli/commands/start.js';
import type { ValidateOptions } from '../../../src/cli/commands/validate.js';
import type { VerifyOptions } from '../../../src/cli/commands/verify.js';
import { UsageError } from '../../../src/cli/errors.js';
import { PassMarkError } from '../../../src/cli/pass-mark.js';
import { memoryIo } from '../../../src/cli/io.js';
import { optionsOf, parse } from './parse.js';
import { REPO_ROOT } from './commands/repo-root.js';

const FIXTURE_LABS = `${REPO_ROOT}/test/fixtures/labs/valid`;

describe('kubelab command line', function () {
  describe('global options', function () {
    it('passes --kubeconfig, --context, --labs-dir and --node-access to the command', async function () {
      const options = await optionsOf<DoctorOptions>([
        'doctor',
        '--kubeconfig',
        '/tmp/kc',
        '--context',
        'kind-x',
        '--labs-dir',
        'my-labs',
        '--node-access',
        'kind',
        '--debug',
      ]);
      expect(options.globals).to.deep.include({
        kubeconfig: '/tmp/kc',
        context: 'kind-x',
        labsDir: '/work/here/my-labs',
        nodeAccess: 'kind',
        debug: true,
      });
    });

    it('leaves kubeconfig, context and node access unset when not given', async function () {
      const options = await optionsOf<DoctorOptions>(['doctor']);
      expect(options.globals.kubeconfig).to.equal(undefined);
      expect(options.globals.context).to.equal(undefined);
      expect(options.globals.nodeAccess).to.equal(undefined);
      expect(options.globals.debug).to.equal(false);
    });

    it('lets the last --context win when it is given twice, as kubectl does', async function () {
      const options = await optionsOf<DoctorOptions>([
        'doctor',
        '--context',
        'a',
        '--context',
        'b',
      ]);
      expect(options.globals.context).to.equal('b');
    });

    it('takes the labs directory from KUBELAB_LABS_DIR when --labs-dir is absent', async function () {
      const options = await optionsOf<DoctorOptions>(['doctor'], { KUBELAB_LABS_DIR: '/srv/labs' });
      expect(options.globals.labsDir).to.equal('/srv/labs');
    });

    it('defaults the labs directory to the bundled labs', async function () {
      const options = await optionsOf<DoctorOptions>(['doctor']);
      expect(options.globals.labsDir).to.match(/\/labs$/);
    });

    it('turns colour off with --no-color, with NO_COLOR, and off a terminal', async function () {
      expect((await optionsOf<DoctorOptions>(['doctor', '--no-color'])).globals.color).to.equal(
        false,
      );
      expect(
        (await optionsOf<DoctorOptions>(['doctor'], { NO_COLOR: '1' })).globals.color,
      ).to.equal(false);
      // memoryIo is not a TTY: no colour even without the flag.
      expect((await optionsOf<DoctorOptions>(['doctor'])).globals.color).to.equal(false);
    });

    it('refuses a --node-access adapter it does not know', async function () {
      const { call, error } = await parse(['doctor', '--node-access', 'ssh']);
      expect(call).to.equal(undefined);
      expect(error).to.be.instanceOf(UsageError);
      expect((error as Error).message).to.match(/node-access/);
    });
  });

  describe('strict parsing', function () {
    it('refuses an unknown option as a usage error', async function () {
      const { call, error } = await parse(['list', '--colour']);
      expect(call).to.equal(undefined);
      expect(error).to.be.instanceOf(UsageError);
      expect((error as Error).message).to.match(/Unknown argument/i);
    });

    it('refuses an unknown command', async function () {
      const { error } = await parse(['lsit']);
      expect(error).to.be.instanceOf(UsageError);
    });

    it('demands a command', async function () {
      const { error } = await parse([]);
      expect((error as Error).message).to.match(/expected a command/);
    });

    it('demands the lab of reset', async function () {
      const { error } = await parse(['reset']);
      expect(error).to.be.instanceOf(UsageError);
      expect((error as Error).message).to.match(/Not enough non-option arguments/);
    });
  });

  describe('help, version and completion', function () {
    it('lists every command in --help without running one', async function () {
      const { call, output } = await parse(['--help']);
      expect(call).to.equal(undefined);
      for (const command of [
        'list',
        'validate',
        'start',
        'check',
        'reset',
        'cleanup',
        'doctor',
        'verify',
        'completion',
      ]) {
        expect(output).to.include(`kubelab ${command}`);
      }
    });

    it('shows examples in a command help', async function () {
      const { output } = await parse(['cleanup', '--help']);
      expect(output).to.include('Examples:');
      expect(output).to.include('kubelab cleanup --lab probes --yes');
    });

    it('prints the version from package.json', async function () {
      const { output } = await parse(['--version']);
      expect(output).to.match(/^\d+\.\d+\.\d+/);
    });

    it('completes lab ids after check, from --labs-dir', async function () {
      const { output } = await parse([
        '--get-yargs-completions',
        'kubelab',
        '--labs-dir',
        FIXTURE_LABS,
        'check',
        'he',
      ]);
      expect(output.split('\n')).to.include('hello');
    });

    it('prints a bash, zsh or fish completion script', async function () {
      for (const [shell, registers] of [
        ['bash', 'complete -o bashdefault -o default -F _kubelab_completions kubelab'],
        ['zsh', 'compdef _kubelab_completions kubelab'],
        ['fish', "complete -c kubelab -f -a '(__kubelab_completions)'"],
      ] as const) {
        const io = memoryIo();
        expect(await runCli({ argv: ['completion', shell], io })).to.equal(0);
        expect(io.out()).to.include(registers).and.include('--get-yargs-completions');
      }
    });
  });

  describe('commands', function () {
    it('parses list --json', async function () {
      expect((await optionsOf<ListOptions>(['list'])).json).to.equal(false);
      expect((await optionsOf<ListOptions>(['list', '--json'])).json).to.equal(true);
    });

    it('takes the validate directory from its positional argument', async function () {
      const options = await optionsOf<ValidateOptions>(['validate', 'course/labs']);
      expect(options.labsDir).to.equal('/work/here/course/labs');
    });

    it('parses start <lab> with --dir, --force and --apply', async function () {
      expect(await optionsOf<StartOptions>(['start', 'probes'])).to.deep.include({
        labId: 'probes',
        dir: undefined,
        force: false,
        apply: false,
      });
      expect(
        await optionsOf<StartOptions>(['start', 'probes', '--dir', 'w', '--force', '--apply']),
      ).to.deep.include({
        dir: 'w',
        force: true,
        apply: true,
      });
    });

    it('parses check <lab> with full marks and no report files by default', async function () {
      const options = await optionsOf<CheckOptions>(['check', 'probes']);
      expect(options).to.deep.include({ labId: 'probes', all: false, dir: undefined, targets: [] });
      expect(options.passMark).to.deep.equal({ kind: 'full' });
    });

    it('parses check --all --report junit --out and --pass-mark', async function () {
      const options = await optionsOf<CheckOptions>([
        'check',
        '--all',
        '--report',
        'junit',
        '--out',
        'r.xml',
        '--pass-mark',
        '80%',
        '--dir',
        'subs',
      ]);
      expect(options).to.deep.include({ labId: undefined, all: true, dir: 'subs' });
      expect(options.targets).to.deep.equal([{ format: 'junit', file: '/work/here/r.xml' }]);
      expect(options.passMark).to.deep.equal({ kind: 'percent', percent: 80 });
    });

    it('parses repeated --report with --out-dir', async function () {
      const options = await optionsOf<CheckOptions>([
        'check',
        'probes',
        '--report',
        'json',
        '--report',
        'html',
        '--out-dir',
        'o',
      ]);
      expect(options.targets.map((t) => t.file)).to.deep.equal([
        '/work/here/o/kubelab-report.json',
        '/work/here/o/kubelab-report.html',
      ]);
    });

    it('refuses check without a lab or --all, and with both', async function () {
      expect((await parse(['check'])).error).to.be.instanceOf(UsageError);
      expect((await parse(['check', 'probes', '--all'])).error).to.be.instanceOf(UsageError);
    });

    it('refuses a malformed --pass-mark before running anything', async function () {
      const { call, error } = await parse(['check', 'probes', '--pass-mark', 'most']);
      expect(call).to.equal(undefined);
      expect(error).to.be.instanceOf(PassMarkError);
    });

    it('parses verify with lab ids, or --all with a JUnit report', async function () {
      expect(await optionsOf<VerifyOptions>(['verify', 'probes', 'pv-pvc'])).to.deep.include({
        all: false,
      });
      expect((await optionsOf<VerifyOptions>(['verify', 'probes', 'pv-pvc'])).labIds).to.deep.equal(
        ['probes', 'pv-pvc'],
      );
      const all = await optionsOf<VerifyOptions>([
        'verify',
        '--all',
        '--report',
        'junit',
        '--out',
        'v.xml',
      ]);
      expect(all.all).to.equal(true);
      expect(all.targets).to.deep.equal([{ format: 'junit', file: '/work/here/v.xml' }]);
      expect((await parse(['verify'])).error).to.be.instanceOf(UsageError);
    });

    it('parses verify --concurrency, leaving it to node capacity when absent', async function () {
      expect((await optionsOf<VerifyOptions>(['verify', '--all'])).concurrency).to.equal(undefined);
      expect(
        (await optionsOf<VerifyOptions>(['verify', '--all', '--concurrency', '3'])).concurrency,
      ).to.equal(3);
      for (const bad of ['0', '1.5', '-2', '101', '1e308']) {
        const { error } = await parse(['verify', '--all', '--concurrency', bad]);
        expect(error, bad).to.be.instanceOf(UsageError);
        expect((error as Error).message).to.match(
          /--concurrency: expected a whole number from 1 to 100/,
        );
      }
    });

    it('parses reset <lab>', async function () {
      expect((await optionsOf<ResetOptions>(['reset', 'probes'])).labId).to.equal('probes');
    });

    it('parses cleanup --lab --user --yes, listing only by default', async function () {
      expect(await optionsOf<CleanupOptions>(['cleanup'])).to.deep.include({
        labId: undefined,
        user: undefined,
        yes: false,
      });
      expect(
        await optionsOf<CleanupOptions>(['cleanup', '--lab', 'probes', '--user', 'alice', '-y']),
      ).to.deep.include({
        labId: 'probes',
        user: 'alice',
        yes: true,
      });
    });
  });

  describe('cleanup --timeout', function () {
    it('reads a duration and defaults to two minutes', async function () {
      expect((await optionsOf<CleanupOptions>(['cleanup'])).timeoutMs).to.equal(120_000);
      expect(
        (await optionsOf<CleanupOptions>(['cleanup', '--timeout', '1m30s'])).timeoutMs,
      ).to.equal(90_000);
    });

    it('refuses a timeout that is not a duration', async function () {
      const { error } = await parse(['cleanup', '--timeout', 'soon']);
      expect(error).to.be.instanceOf(UsageError);
      expect((error as Error).message).to.equal(
        '--timeout: expected a duration like 90s, 2m or 1m30s, got "soon"',
      );
    });
  });

  describe('runCli', function () {
    it('prints a usage error once, with a try line, and returns 2', async function () {
      const io = memoryIo();
      const code = await runCli({ argv: ['list', '--frobnicate'], io });
      expect(code).to.equal(2);
      expect(io.err()).to.match(/^kubelab: Unknown argument: frobnicate\ntry: /);
      expect(io.err()).not.to.include('    at ');
      expect(io.out()).to.equal('');
    });

    it('writes --help to stdout and returns 0', async function () {
      const io = memoryIo();
      expect(await runCli({ argv: ['--help'], io })).to.equal(0);
      expect(io.out()).to.include('Commands:');
    });

    it('shows the cause chain with --debug', async function () {
      const io = memoryIo();
      await runCli({ argv: ['validate', '/nonexistent/labs', '--debug'], io });
      expect(io.err()).to.include('--- error: UsageError');
      expect(io.err()).to.include('    at ');
    });
  });
});
