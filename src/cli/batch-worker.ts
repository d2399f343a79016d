// A worker thread of a batch (see batch.ts): checks the files it is sent with main.ts's checker, one at a
// time in the order sent, so that the batch knows which file is being checked when this thread dies.
import { parentPort, workerData } from "node:worker_threads";
import type { BatchSettings } from "./batch";
import { checkOneOutcome, quietConsole } from "./main";

quietConsole();
const settings = workerData as BatchSettings;
let queue = Promise.resolve();
parentPort?.on("message", ({ index, file }: { index: number; file: string }) => {
  queue = queue.then(async () => parentPort?.postMessage({ index, outcome: await checkOneOutcome(file, settings) }));
});
