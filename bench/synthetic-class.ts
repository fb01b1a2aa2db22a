import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/** What one synthetic student hands in for every lab. */
export const Profile = { solution: 'solution', starter: 'starter', mix: 'mix' } as const;
export type Profile = (typeof Profile)[keyof typeof Profile];

export interface SyntheticStudent {
  readonly dir: string;
  readonly profile: Profile;
  /** Lab id → which reference folder was copied for it. */
  readonly handedIn: Readonly<Record<string, 'solution' | 'starter'>>;
}

/**
 * A class of `count` students under `dir`: `student-01/<lab>/…` copied from each lab's solution/
 * or starter/ folder. Students cycle through three profiles: all solutions, all starters, and a mix
 * (solution or starter alternating per lab, shifted per student), so a run exercises passing,
 * failing and mixed checks. Deterministic: the same arguments give the same class.
 */
export async function writeSyntheticClass(options: {
  readonly dir: string;
  readonly count: number;
  readonly labsDir: string;
  readonly labIds: readonly string[];
}): Promise<SyntheticStudent[]> {
  const profiles = [Profile.solution, Profile.starter, Profile.mix] as const;
  const width = String(options.count).length;
  const students: SyntheticStudent[] = [];
  for (let i = 0; i < options.count; i += 1) {
    const profile = profiles[i % profiles.length] as Profile;
    const dir = `student-${String(i + 1).padStart(Math.max(2, width), '0')}`;
    const handedIn: Record<string, 'solution' | 'starter'> = {};
    for (const [index, labId] of options.labIds.entries()) {
      const which =
        profile === Profile.mix ? ((i + index) % 2 === 0 ? 'solution' : 'starter') : profile;
      handedIn[labId] = which;
      const target = join(options.dir, dir, labId);
      await mkdir(target, { recursive: true });
      await cp(join(options.labsDir, labId, which), target, { recursive: true });
    }
    students.push({ dir, profile, handedIn });
  }
  return students;
}
