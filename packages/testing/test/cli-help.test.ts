import { readFileSync } from "node:fs";
import { GetDurableExecutionCommand, InvokeCommand } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { COMMANDS, main, type CliIO } from "../src/cli/index.js";
import { FIXTURES, localClient } from "./server-support.js";

/** Runs the CLI in-process; resolves with the exit code and what it printed. */
async function cli(argv: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIO = {
    out: (text) => (out += `${text}\n`),
    err: (text) => (err += `${text}\n`),
    env: { ...env },
    cwd: FIXTURES,
    untilStopped: () => new Promise(() => undefined),
  };
  const code = await main(argv, io);
  return { code, out, err };
}

const VISIBLE = COMMANDS.filter((c) => !c.hidden);

describe("durable-ts --help", () => {
  it("lists every command with a one-line summary and exits 0", async () => {
    for (const argv of [["--help"], ["-h"], ["help"]]) {
      const { code, out, err } = await cli(argv);
      expect(code).toBe(0);
      expect(err).toBe("");
      for (const command of VISIBLE) expect(out).toContain(`  ${command.name.padEnd(10)}${command.summary}\n`);
      expect(out).not.toContain("__function-host");
    }
  });

  it("prints the list on stderr and exits 2 when no command is given", async () => {
    const { code, out, err } = await cli([]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain("usage: durable-ts <command>");
  });

  it("<command> --help prints the usage and one line per option, and exits 0", async () => {
    for (const command of VISIBLE) {
      for (const flag of ["--help", "-h"]) {
        const { code, out, err } = await cli([command.name, flag]);
        expect(code, command.name).toBe(0);
        expect(err).toBe("");
        expect(out).toMatch(new RegExp(`^usage: durable-ts ${command.name}`));
        for (const option of command.options) {
          const lines = out
            .split("\n")
            .filter(
              (line) => line.trimStart().startsWith(`--${option.name} `) || line.trim() === `--${option.name}` || line.trimStart().startsWith(`--${option.name}  `),
            );
          expect(lines, `${command.name} --${option.name}`).toHaveLength(1);
          expect(lines[0]).toContain(option.description);
        }
      }
    }
    expect((await cli(["help", "run"])).out).toContain("--callback <name>=<json>|fail|timeout ...");
  });

  it("answers --help even next to other arguments, and not after --", async () => {
    expect((await cli(["run", "whatever.ts", "--input", "{", "--help"])).code).toBe(0);
    expect((await cli(["run", "--", "--help"])).code).toBe(1);
  });

  it("a bad option names itself and points at --help", async () => {
    const { code, err } = await cli(["serve", "--prot", "3000"]);
    expect(code).toBe(2);
    expect(err).toContain("Unknown option '--prot'");
    expect(err).toContain("durable-ts serve --help lists the options");
  });

  it("run --help and serve --help offer --execution-timeout, run --help offers --function", async () => {
    expect((await cli(["run", "--help"])).out).toMatch(/--execution-timeout <seconds>\s+Execution timeout in seconds/);
    expect((await cli(["serve", "--help"])).out).toMatch(
      /--execution-timeout \[<name>=\]<seconds\|none> \.\.\.\s+Execution timeout of every function, or of function <name>/,
    );
    expect((await cli(["run", "--help"])).out).toMatch(/--function <name>=<file>\[#export\] \.\.\.\s+Register a durable handler as a context\.invoke target/);
  });
});

describe("docs/cli.md", () => {
  it("shows durable-ts --help and every command's --help verbatim", async () => {
    const doc = readFileSync(new URL("../../../docs/cli.md", import.meta.url), "utf8");
    expect(doc).toContain(`\`\`\`text\n${(await cli(["--help"])).out}\`\`\``);
    for (const command of VISIBLE) expect(doc, command.name).toContain(`\`\`\`text\n${(await cli([command.name, "--help"])).out}\`\`\``);
  });
});

describe("durable-ts run options", () => {
  it("--function <name>=<file> registers an invoke target", async () => {
    const { code, out, err } = await cli(["run", "cli-extras.ts", "--export", "caller", "--function", "pricing=pricing.ts"]);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toMatch(/price\s+ChainedInvoke\s+SUCCEEDED/);
    expect(out).toContain("Result: 40");
  });

  it("--execution-timeout ends a longer execution TIMED_OUT", async () => {
    const timedOut = await cli(["run", "cli-extras.ts", "--export", "napper", "--execution-timeout", "60"]);
    expect(timedOut.code).toBe(1);
    expect(timedOut.out).toContain("Status: TIMED_OUT");
    const enough = await cli(["run", "cli-extras.ts", "--export", "napper", "--execution-timeout", "10800"]);
    expect(enough.out).toContain("Status: SUCCEEDED");
    expect(await cli(["run", "cli-extras.ts", "--execution-timeout", "soon"])).toMatchObject({
      code: 2,
      err: expect.stringContaining("--execution-timeout expects an integer"),
    });
  });

  it("a handler without durableExecution(...) fails on the first invocation with an error saying to wrap it", async () => {
    const { code, out } = await cli(["run", "cli-extras.ts", "--export", "unwrapped", "--verbose"]);
    expect(code).toBe(1);
    expect(out).toContain("Error: HandlerNotDurable: The handler answered");
    expect(out).toContain("Wrap it with durableExecution(...)");
    expect(out.match(/^invocation /gm)).toHaveLength(1);
  });

  it("--timeout expiring names the pending callbacks and the --callback option that answers them", async () => {
    const { code, err } = await cli(["run", "cli-extras.ts", "--export", "waiter", "--timeout", "300"]);
    expect(code).toBe(1);
    expect(err).toContain("The execution did not finish");
    expect(err).toContain('Still waiting for callback "approval"');
    expect(err).toContain("--callback 'approval=<json>|fail|timeout'");
  });

  it("--verbose says why each invocation ended", async () => {
    const { out } = await cli(["run", "run-workflow.ts", "--input", '{"item":"desk"}', "--callback", 'approval={"ok":true}', "--verbose"]);
    expect(out).toMatch(/invocation \S+: suspended: wait "overnight" until \S+Z/);
    expect(out).toMatch(/invocation \S+: suspended: callback "approval"/);
    expect(out).toMatch(/invocation \S+: succeeded/);
  });
});

describe("positional arguments that start with a dash", () => {
  it("callback takes an id that starts with - or -- (base64url ids do), and a JSON result that is a negative number", async () => {
    for (const id of ["-nLx2v_Q", "--Ab3"]) {
      const { code, err } = await cli(["callback", "succeed", id, "-1", "--endpoint", "http://127.0.0.1:9"]);
      expect(err).toContain("Cannot reach http://127.0.0.1:9");
      expect(code).toBe(1);
    }
  });

  it("other commands still name an unknown --option, and keep option values that start with a dash", async () => {
    expect(await cli(["run", "run-workflow.ts", "--bogus"])).toMatchObject({ code: 2, err: expect.stringContaining("Unknown option '--bogus'") });
    const run = await cli(["run", "cli-extras.ts", "--export", "caller", "--function", "pricing=pricing.ts", "--input", "-5"]);
    expect(run.code).toBe(0);
  });
});

describe("durable-ts callback and history without a server", () => {
  it("name the endpoint they could not reach and suggest durable-ts serve", async () => {
    for (const argv of [
      ["callback", "heartbeat", "some-id"],
      ["history", "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST/durable-execution/x/y"],
    ]) {
      const { code, err } = await cli([...argv, "--endpoint", "http://127.0.0.1:9"]);
      expect(code).toBe(1);
      expect(err).toContain("Cannot reach http://127.0.0.1:9 (ECONNREFUSED)");
      expect(err).toContain("durable-ts serve");
    }
  });
});

describe("durable-ts serve options", () => {
  it("--execution-timeout ends an execution that runs longer TIMED_OUT", async () => {
    let out = "";
    let stop!: () => void;
    const io: CliIO = {
      out: (text) => (out += `${text}\n`),
      err: () => undefined,
      env: {},
      cwd: FIXTURES,
      untilStopped: () => new Promise<void>((resolve) => (stop = resolve)),
    };
    // An external function nobody serves: the execution can only end by its timeout.
    const serving = main(["serve", "--port", "0", "--external", "idle", "--execution-timeout", "1"], io);
    const deadline = Date.now() + 10_000;
    while (!/listening on (http:\/\/\S+)/.test(out) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const url = /listening on (http:\/\/\S+)/.exec(out)![1];
    const client = localClient(url!);
    try {
      const started = await client.send(new InvokeCommand({ FunctionName: "idle", InvocationType: "Event" }));
      let status: string | undefined;
      while (status !== "TIMED_OUT" && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = (await client.send(new GetDurableExecutionCommand({ DurableExecutionArn: started.DurableExecutionArn }))).Status;
      }
      expect(status).toBe("TIMED_OUT");
    } finally {
      client.destroy();
      stop();
      expect(await serving).toBe(0);
    }
  });
});
