import { execa } from 'execa';

/**
 * The API server's own count of requests it served (the sum of every `apiserver_request_total`
 * series in /metrics), read with kubectl. A delta over a run counts every client of the cluster
 * (the grader, the controllers acting on what it created, and anyone else using the cluster then),
 * so it bounds the grader's requests from above.
 */
export async function apiserverRequestTotal(context: string): Promise<number> {
  const { stdout } = await execa('kubectl', ['--context', context, 'get', '--raw', '/metrics'], {
    maxBuffer: 256 * 1024 * 1024,
  });
  let total = 0;
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('apiserver_request_total{')) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) total += value;
  }
  return total;
}
