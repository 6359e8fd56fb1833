// A project's linking lock on the embedded database, held in memory. There the background
// linker places a document outside any transaction (one connection: a transaction would hold
// every request for the seconds of scoring), so the database's advisory lock, which lives in a
// transaction, cannot keep a re-link or a second linker out. The embedded database is open in
// one process only, so this process's memory is the whole picture.
const holders = new Map<string, Promise<void>>();

/**
 * Runs `work` once no other linking of the project runs in this process. Without `wait`, gives
 * `undefined` at once when one does.
 */
export async function inLinkingTurn<Result>(
  projectId: string,
  wait: boolean,
  work: () => Promise<Result>,
): Promise<Result | undefined> {
  for (let holder = holders.get(projectId); holder; holder = holders.get(projectId)) {
    if (!wait) return undefined;
    await holder;
  }
  let release = () => {};
  holders.set(
    projectId,
    new Promise<void>((resolve) => {
      release = resolve;
    }),
  );
  try {
    return await work();
  } finally {
    holders.delete(projectId);
    release();
  }
}
