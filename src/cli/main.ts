import { hideBin } from 'yargs/helpers';
import { runCli } from './app.js';
import { endOutputOnClosedPipe } from './closed-pipe.js';
import { ExitCode } from './exit-codes.js';
import { processIo } from './io.js';

/**
 * The `kubelab` process: the first Ctrl-C aborts the run's signal (the runner deletes what it
 * created, then the command returns and we exit 130); a second Ctrl-C exits at once.
 */
endOutputOnClosedPipe(process.stdout);
endOutputOnClosedPipe(process.stderr);

const controller = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  interrupts += 1;
  if (interrupts > 1) process.exit(ExitCode.interrupted);
  process.stderr.write('\nkubelab: interrupted; cleaning up (Ctrl-C again to quit at once)\n');
  controller.abort(new Error('interrupted (Ctrl-C)'));
});

const code = await runCli({
  argv: hideBin(process.argv),
  io: processIo(),
  signal: controller.signal,
});
process.exitCode = controller.signal.aborted ? ExitCode.interrupted : code;
