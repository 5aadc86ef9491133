// docs/operations/wait-for-condition.md: poll an export job until it is done with
// context.waitForCondition, sleeping (suspended) between checks.
import { createWaitStrategy, durableExecution, JitterStrategy, WaitForConditionError } from "@durable-ts/sdk";

const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

export interface ExportJob {
  jobId: string;
  /** For the demo: the fake job service reports DONE from this check on. */
  doneAtCheck: number;
}

export interface JobState {
  jobId: string;
  checks: number;
  status: "RUNNING" | "DONE";
}

/** Stands in for a call to the job service's status API. */
async function fetchJobStatus(job: ExportJob, check: number): Promise<JobState["status"]> {
  return check >= job.doneAtCheck ? "DONE" : "RUNNING";
}

export const handler = durableExecution(
  async (event: ExportJob, context) => {
    try {
      const final = await context.waitForCondition(
        "wait-for-export",
        // Runs like a step body: live only, no durable calls inside. Its return value is checkpointed.
        async (state: JobState) => {
          const checks = state.checks + 1;
          return { ...state, checks, status: await fetchJobStatus(event, checks) };
        },
        {
          initialState: { jobId: event.jobId, checks: 0, status: "RUNNING" },
          waitStrategy: createWaitStrategy({
            shouldContinuePolling: (state: JobState) => state.status !== "DONE",
            initialDelay: { seconds: 10 },
            backoffRate: 2,
            maxAttempts: 5,
            jitter: JitterStrategy.NONE,
          }),
        },
      );
      return { jobId: final.jobId, status: "exported", checks: final.checks };
    } catch (error) {
      if (error instanceof WaitForConditionError) return { jobId: event.jobId, status: "gave-up", reason: error.message };
      throw error;
    }
  },
  { logger: silentLogger },
);
