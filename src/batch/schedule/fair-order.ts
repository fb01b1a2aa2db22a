/** One unit of grading work: a student's submission for one lab. */
export interface WorkKey {
  readonly studentId: string;
  readonly labId: string;
}

/**
 * Round-robin over students: every student's first lab, then every student's second, and so on
 * (students sorted by id, each student's labs by lab id). One student with many labs does not
 * starve the others, and the order is the same on every run.
 */
export function fairOrder<T extends WorkKey>(items: readonly T[]): T[] {
  const byStudent = new Map<string, T[]>();
  for (const item of items) {
    byStudent.set(item.studentId, [...(byStudent.get(item.studentId) ?? []), item]);
  }
  const queues = [...byStudent.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([, list]) => [...list].sort((a, b) => compare(a.labId, b.labId)));
  const ordered: T[] = [];
  for (let round = 0; ordered.length < items.length; round += 1) {
    for (const queue of queues) {
      const item = queue[round];
      if (item !== undefined) ordered.push(item);
    }
  }
  return ordered;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
