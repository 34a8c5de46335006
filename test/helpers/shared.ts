// What one test process shares among the test files it runs. npm test runs several files in one process (a group,
// ./bundle.ts), whose entry calls shareAcrossFiles() at its top level: a shared resource (Chromium, for the browser
// tests) then stays open for the group's next file and closes after its last. A file run alone closes it itself.
import { after } from 'node:test';

let grouped = false;
const closers = new Map<string, () => Promise<void>>();

/** Called by a group's entry: shared resources outlive each file and close when the process's tests are done. */
export function shareAcrossFiles(): void {
  grouped = true;
  after(async () => {
    for (const close of closers.values()) await close();
    closers.clear();
  });
}

/** A file is done with a shared resource: closes it now when the file runs alone, else after the group's last file. */
export async function doneWith(name: string, close: () => Promise<void>): Promise<void> {
  if (grouped) closers.set(name, close);
  else await close();
}
