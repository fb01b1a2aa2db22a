import { Listr } from 'listr2';
import type { CheckResult } from '../model/result.js';
import type { RunEvent } from '../runner/run-lab.js';
import type { OutputStream } from './io.js';

/** How often the elapsed seconds in a running task's title are redrawn (a display clock, not a poll). */
const TITLE_REFRESH_MS = 1_000;

/** Receives runLab's events while a lab runs; `finish` waits for the display to settle. */
export interface ProgressDisplay {
  onEvent(event: RunEvent): void;
  finish(): Promise<void>;
}

export interface ProgressOptions {
  readonly labId: string;
  readonly checks: readonly { readonly id: string; readonly title: string }[];
  /** Where plain progress lines go when not on a terminal (stderr, so stdout stays the report). */
  readonly stream: OutputStream;
  /** listr2's live display (a terminal); otherwise one line per finished check. */
  readonly live: boolean;
  /** Terminal width: a running task's title is cut to one line. Default 100. */
  readonly columns?: number;
  readonly now?: () => number;
}

/** `12/20  3.4s` */
export function resultSuffix(result: CheckResult): string {
  return `${result.points}/${result.maxPoints}  ${(result.durationMs / 1000).toFixed(1)}s`;
}

const MARKS: Record<CheckResult['status'], string> = {
  passed: '✓',
  failed: '✗',
  error: '!',
  skipped: '-',
};

export function progressDisplay(options: ProgressOptions): ProgressDisplay {
  return options.live ? liveProgress(options) : lineProgress(options);
}

/**
 * Not a terminal: `… probes/liveness  Liveness probe restarts the container` when a check starts,
 * `✗ probes/liveness  Liveness probe restarts the container  0/30  41.2s` when it ends.
 */
function lineProgress(options: ProgressOptions): ProgressDisplay {
  return {
    onEvent(event) {
      const name = `${event.labId}/${event.checkId}  ${event.title}`;
      if (event.type === 'check-start') options.stream.write(`… ${name}\n`);
      if (event.type === 'check-end' && event.result !== undefined) {
        options.stream.write(
          `${MARKS[event.result.status]} ${name}  ${resultSuffix(event.result)}\n`,
        );
      }
    },
    finish: () => Promise.resolve(),
  };
}

interface TaskState {
  started: number | undefined;
  activity: string | undefined;
  result: CheckResult | undefined;
  settle: (() => void) | undefined;
}

/** listr2, one task per check; a running task's title shows what it waits for and the seconds elapsed. */
function liveProgress(options: ProgressOptions): ProgressDisplay {
  const now = options.now ?? (() => Date.now());
  let closed = false;
  const width = options.columns ?? 100;
  const states = new Map<string, TaskState>(
    options.checks.map((check) => [
      check.id,
      { started: undefined, activity: undefined, result: undefined, settle: undefined },
    ]),
  );
  const listr = new Listr(
    options.checks.map((check) => ({
      title: check.title,
      task: async (_ctx: unknown, task: { title: string; skip(message?: string): void }) => {
        const state = states.get(check.id) as TaskState;
        const render = (): void => {
          const elapsed =
            state.started === undefined ? 0 : Math.floor((now() - state.started) / 1000);
          const doing = state.activity === undefined ? '' : ` — ${state.activity}`;
          task.title = `${fitLine(`${check.title}${doing}`, width - 10)} (${elapsed}s)`;
        };
        const timer = setInterval(render, TITLE_REFRESH_MS);
        timer.unref();
        try {
          if (state.result === undefined && !closed) {
            await new Promise<void>((resolve) => {
              state.settle = () => {
                resolve();
              };
              render();
            });
          }
        } finally {
          clearInterval(timer);
        }
        const result = state.result as CheckResult | undefined;
        if (result === undefined) return;
        task.title = `${check.title}  ${resultSuffix(result)}`;
        if (result.status === 'skipped') task.skip(`${check.title}  skipped: ${result.message}`);
        else if (result.status !== 'passed') throw new Error(result.message);
      },
    })),
    {
      concurrent: false,
      exitOnError: false,
      registerSignalListeners: false,
      rendererOptions: { showErrorMessage: false, collapseErrors: true, showSkipMessage: true },
    },
  );
  const running = listr.run().catch(() => undefined);
  return {
    onEvent(event) {
      const state = states.get(event.checkId);
      if (state === undefined) return;
      if (event.type === 'check-start') state.started = now();
      if (event.type === 'check-progress') state.activity = event.activity;
      if (event.type === 'check-end') {
        state.result = event.result;
        state.settle?.();
      }
    },
    async finish() {
      // A check that never ended (the run was interrupted) must not keep the display open.
      closed = true;
      for (const state of states.values()) state.settle?.();
      await running;
    },
  };
}

/** `text` on one line of at most `width` characters, cut with an ellipsis. */
export function fitLine(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= width ? flat : `${flat.slice(0, Math.max(1, width - 1))}…`;
}
