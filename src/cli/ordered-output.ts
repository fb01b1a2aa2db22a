/**
 * Writes results finished out of order in their planned order: item i is written as soon as items
 * 0..i are all done, so parallel work still prints the same lines in the same order on every run.
 */
export class OrderedOutput {
  private readonly done = new Map<number, string>();
  private next = 0;

  constructor(private readonly write: (text: string) => void) {}

  /** Records item `index`'s text and writes every text now due. */
  finish(index: number, text: string): void {
    this.done.set(index, text);
    for (let due = this.done.get(this.next); due !== undefined; due = this.done.get(this.next)) {
      this.write(due);
      this.done.delete(this.next);
      this.next += 1;
    }
  }
}
