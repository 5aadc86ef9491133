/**
 * Profiles exactly the measured part of a child (not its module loading, not the harness around
 * it) with the V8 sampling profiler, the same profiler `node --cpu-prof` drives, and writes the
 * profiles (a JSON array of `.cpuprofile` objects) to a file.
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";

export class ProfileRecorder {
  private readonly session = new Session();
  private readonly profiles: unknown[] = [];
  private readonly path: string;

  private constructor(path: string) {
    this.path = path;
  }

  /** A recorder writing to `path`, or undefined when no profile was asked for. */
  static async open(path: string | undefined): Promise<ProfileRecorder | undefined> {
    if (path === undefined) return undefined;
    const recorder = new ProfileRecorder(path);
    recorder.session.connect();
    await recorder.session.post("Profiler.enable");
    await recorder.session.post("Profiler.setSamplingInterval", { interval: 200 });
    return recorder;
  }

  /** Samples `work` only; several recordings accumulate. */
  async record<T>(work: () => Promise<T>): Promise<T> {
    await this.session.post("Profiler.start");
    try {
      return await work();
    } finally {
      const { profile } = await this.session.post("Profiler.stop");
      this.profiles.push(profile);
    }
  }

  save(): void {
    writeFileSync(this.path, JSON.stringify(this.profiles));
    this.session.disconnect();
  }
}

/** Profiles `work` into `path` when given, else just runs it. */
export async function profiled<T>(path: string | undefined, work: () => Promise<T>): Promise<T> {
  const recorder = await ProfileRecorder.open(path);
  if (!recorder) return work();
  try {
    return await recorder.record(work);
  } finally {
    recorder.save();
  }
}
