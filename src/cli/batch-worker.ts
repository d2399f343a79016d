// A worker thread of a batch (see batch.ts): checks the files it is sent with main.ts's checker.
import { parentPort, workerData } from "node:worker_threads";
import type { BatchSettings } from "./batch";
import { checkOneOutcome } from "./main";

const settings = workerData as BatchSettings;
parentPort?.on("message", ({ index, file }: { index: number; file: string }) => {
  void checkOneOutcome(file, settings).then((outcome) => parentPort?.postMessage({ index, outcome }));
});
