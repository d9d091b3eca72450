// What a restored backup means for this installation's identity upstream (SPEC §6). The backup names the
// installation its records come from:
//   - this installation's own backup: nothing changes;
//   - into a device with no records of its own and not enrolled: it simply continues as that installation
//     (a reinstall, a new phone), so enrolling again is the same device and nothing is counted twice;
//   - into a device that has records (or is already enrolled as itself): it takes that installation over —
//     absorbed upstream at once when enrolled, else at the next enrolment — and then re-sends every month.

import { anyMarked } from '../records/outbox';
import {
  adoptInstallation,
  type Installation,
  installation,
  rememberAbsorption,
} from '../settings/installation';
import { readSetting } from '../settings/repo';

export type IdentityOutcome = 'none' | 'same' | 'adopted' | 'absorb';

/** Read before the records go in: does this device already have its own? */
export async function beforeRestore(): Promise<{ hadRecords: boolean }> {
  return { hadRecords: await anyMarked() };
}

export async function restoreIdentity(
  from: Installation | undefined,
  { hadRecords }: { hadRecords: boolean },
): Promise<IdentityOutcome> {
  if (!from) return 'none';
  const own = await installation();
  if (own.installId === from.installId) return 'same';
  const enrolled = !!(await readSetting('enrolment'));
  if (!hadRecords && !enrolled) {
    await adoptInstallation(from);
    return 'adopted';
  }
  await rememberAbsorption(from);
  // Enrolled: the next run absorbs it and re-sends every month.
  if (enrolled && typeof window !== 'undefined') window.dispatchEvent(new Event('pelita:sync-now'));
  return 'absorb';
}
