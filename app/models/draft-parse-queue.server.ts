// Reading a .docx at the limits peaks near 1.2 GB (docs/cli.md), so two at once in one web
// process could pass V8's heap. Parses therefore run one at a time per process, in arrival
// order; a small draft waits behind a large one for a few seconds at most. A child process per
// parse would bound memory harder, at the cost of starting Node and the importer each time.
let tail: Promise<unknown> = Promise.resolve();

export function oneAtATime<T>(job: () => Promise<T>): Promise<T> {
  const run = tail.then(job, job);
  tail = run.catch(() => undefined);
  return run;
}
