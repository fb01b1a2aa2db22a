import type { Timers } from '../../../src/cluster/watch/timers.js';

/** Manual clock for wait tests: time moves only when `advance` is called. */
export class FakeTimers implements Timers {
  private time = 0;
  private nextId = 0;
  private pending: { id: number; at: number; fn: () => void }[] = [];
  /** Every delay ever scheduled, in order (to assert the backoff). */
  readonly delays: number[] = [];

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): () => void {
    const id = this.nextId++;
    this.delays.push(ms);
    this.pending.push({ id, at: this.time + ms, fn });
    return () => {
      this.pending = this.pending.filter((entry) => entry.id !== id);
    };
  }

  /** Moves time forward, firing due timers in order, letting promises settle between them. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await settle();
      const due = this.pending
        .filter((entry) => entry.at <= target)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (due === undefined) break;
      this.pending = this.pending.filter((entry) => entry.id !== due.id);
      this.time = due.at;
      due.fn();
    }
    this.time = target;
    await settle();
  }
}

/** Lets queued promise callbacks run (no wall-clock waiting). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
